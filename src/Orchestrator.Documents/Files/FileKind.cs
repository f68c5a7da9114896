namespace Orchestrator.Documents.Files;

/// <summary>What a path names, as stat(2) reports it.</summary>
public enum FileKind
{
    /// <summary>Nothing is there.</summary>
    Missing,

    /// <summary>A regular file: the only kind Orchestrator reads.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (only when the link itself is asked about).</summary>
    SymbolicLink,

    /// <summary>A FIFO (named pipe): opening it for reading waits for a writer.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c>: reading it may never end.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}
