using DurableTask.Core.Exceptions;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// A work item's lock expired or was taken over before its holder completed, renewed or abandoned it; nothing was
/// written. Derives from <see cref="SessionAbortedException"/>, which the DTFx dispatchers answer by abandoning the
/// work item; the new holder's lock is not touched.
/// </summary>
public sealed class SqliteLockLostException : SessionAbortedException
{
    /// <summary>Creates an exception with no message.</summary>
    public SqliteLockLostException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SqliteLockLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteLockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
