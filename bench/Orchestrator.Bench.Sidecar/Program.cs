Console.WriteLine("The Sidecar benchmark is not written yet.");
return 1;
