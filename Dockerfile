# The orchestrator image: `orchestrator serve`, `orchestrator sidecar` and every other command.
# Build: docker build -t orchestrator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Orchestrator.Cli/Orchestrator.Cli.csproj -c Release -o /app --nologo \
 && dotnet build plugins/wordcount-dotnet/src -c Release --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health checks; Node.js for the example executable plugin (slugify-node); bubblewrap, the sandbox every
# executable plugin runs in (docs/process-protocol.md#sandbox).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl nodejs bubblewrap \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
COPY --from=build /src/plugins /opt/orchestrator/plugins
COPY --from=build /src/workflows /opt/orchestrator/workflows
RUN mkdir -p /data && chown "$APP_UID" /data
# Run workspaces and the default sqlite database live in the volume, so a new container keeps the runs.
ENV ORCHESTRATOR_DATA_DIR=/data ORCHESTRATOR_SIDECAR__DATABASEPATH=/data/orchestrator.db
VOLUME /data
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/orchestrator.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080", "--plugins", "/opt/orchestrator/plugins", "--workflows", "/opt/orchestrator/workflows"]
