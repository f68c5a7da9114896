using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Schedules;

/// <summary>A server of its own for the schedule tests, so the runs their schedules start stay out of the other tests' listings.</summary>
public sealed class ScheduleServerFixture() : ServerFixture(withKey: false);
