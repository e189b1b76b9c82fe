Console.WriteLine("cao: not yet");
return 0;
