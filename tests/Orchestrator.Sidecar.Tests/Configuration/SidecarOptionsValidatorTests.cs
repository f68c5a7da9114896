using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Tests.Configuration;

public sealed class SidecarOptionsValidatorTests
{
    private static readonly SidecarOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Validator.Validate(null, new SidecarOptions()).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validate_AzureStorageComplete_Succeeds() =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage", ConnectionString = "UseDevelopmentStorage=true" }).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData("Sidecar:Backend 'sql' is not a backend: use memory or azure-storage")]
    public void Validate_UnknownBackend_NamesTheChoices(string expected) =>
        Validator.Validate(null, new SidecarOptions { Backend = "sql" }).FailureMessage!.ShouldContain(expected);

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_Fails(int port) =>
        Validator.Validate(null, new SidecarOptions { Port = port }).FailureMessage!.ShouldContain($"Sidecar:Port {port} is out of range");

    [Fact]
    public void Validate_AzureStorageWithoutConnection_SaysHowToFix() =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage" }).FailureMessage!.ShouldContain("--connection UseDevelopmentStorage=true");

    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("hub-name")]
    public void Validate_BadTaskHubName_Fails(string name) =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage", ConnectionString = "x", TaskHub = name }).FailureMessage!.ShouldContain($"Sidecar:TaskHub '{name}'");

    [Fact]
    public void Validate_ShortVisibilityTimeout_Fails() =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage", ConnectionString = "x", VisibilityTimeout = TimeSpan.FromSeconds(1) })
            .FailureMessage!.ShouldContain("Sidecar:VisibilityTimeout");

    [Theory]
    [InlineData("node-1")]
    [InlineData("Host.example_2")]
    [InlineData("7")]
    public void Validate_WorkerIds_Succeed(string workerId) =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage", ConnectionString = "x", WorkerId = workerId }).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("-node")]
    [InlineData("node/1")]
    [InlineData("node 1")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_BadWorkerId_SaysWhatAnIdIs(string workerId) =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage", ConnectionString = "x", WorkerId = workerId }).FailureMessage!
            .ShouldContain($"Sidecar:WorkerId '{workerId}' is not a worker id: use 1 to 63 letters, digits");

    [Fact]
    public void Validate_DefaultWorkerId_IsTheMachineName() =>
        new SidecarOptions().WorkerId.ShouldBe(Environment.MachineName);

    [Theory]
    [InlineData(5)]
    [InlineData(301)]
    public void Validate_LeaseTimeoutOutOfRange_Fails(int seconds) =>
        Validator.Validate(null, new SidecarOptions { Backend = "azure-storage", ConnectionString = "x", LeaseTimeout = TimeSpan.FromSeconds(seconds) })
            .FailureMessage!.ShouldContain("Sidecar:LeaseTimeout");

    [Fact]
    public void Validate_BadWorkerIdWithSqlite_IsNotChecked() =>
        Validator.Validate(null, new SidecarOptions { Backend = "sqlite", WorkerId = "not an id" }).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validate_SqliteWithDefaultDatabase_Succeeds() =>
        Validator.Validate(null, new SidecarOptions { Backend = "sqlite" }).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validate_SqliteWithoutDatabase_SaysToPassOne() =>
        Validator.Validate(null, new SidecarOptions { Backend = "sqlite", DatabasePath = " " }).FailureMessage!.ShouldContain("pass --database FILE");

    [Fact]
    public void Validate_SqliteDatabaseIsADirectory_SuggestsAFileInIt()
    {
        using var directory = new TempDirectory();

        Validator.Validate(null, new SidecarOptions { Backend = "sqlite", DatabasePath = directory.Path }).FailureMessage!
            .ShouldContain($"is a directory: give the path of a database file, e.g. {Path.Combine(directory.Path, "orchestrator.db")}");
    }

    [Fact]
    public void Validate_SqliteShortLockTimeout_Fails() =>
        Validator.Validate(null, new SidecarOptions { Backend = "sqlite", VisibilityTimeout = TimeSpan.FromSeconds(1) }).FailureMessage!.ShouldContain("Sidecar:VisibilityTimeout");

    [Fact]
    public void DefaultDatabasePath_NoXdgDataHome_UnderLocalShare() =>
        SidecarOptions.DefaultDatabasePath().ShouldEndWith(Path.Combine("orchestrator", "orchestrator.db"));

    [Fact]
    public void Validate_ZeroConcurrency_Fails() =>
        Validator.Validate(null, new SidecarOptions { Concurrency = 0 }).FailureMessage!.ShouldContain("Sidecar:Concurrency 0");

    [Fact]
    public void Validate_HostName_FailsAskingForAnAddress() =>
        Validator.Validate(null, new SidecarOptions { Host = "example.com" }).FailureMessage!.ShouldContain("is not an IP address");

    [Fact]
    public void Problems_SeveralErrors_ListsEach() =>
        SidecarOptionsValidator.Problems(new SidecarOptions { Backend = "azure-storage", Port = -5, Partitions = 0 }).Count().ShouldBe(3);
}
