Console.WriteLine("The Context benchmark is not written yet.");
return 1;
