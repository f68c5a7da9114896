namespace TestPlugin.Helper;

public static class Shouter
{
    public static string Shout(string text) => text.ToUpperInvariant() + "!";
}
