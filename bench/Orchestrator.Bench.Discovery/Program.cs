Console.WriteLine("The Discovery benchmark is not written yet.");
return 1;
