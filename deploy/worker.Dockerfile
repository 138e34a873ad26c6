# SupportCopilot.Worker — build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t supportcopilot/worker:latest .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SupportCopilot.Core/SupportCopilot.Core.csproj src/SupportCopilot.Core/
COPY src/SupportCopilot.Worker/SupportCopilot.Worker.csproj src/SupportCopilot.Worker/
RUN dotnet restore src/SupportCopilot.Worker/SupportCopilot.Worker.csproj
COPY src/ src/
RUN dotnet publish src/SupportCopilot.Worker/SupportCopilot.Worker.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV DOTNET_ENVIRONMENT=Production \
    Storage__DataDirectory=/data \
    Worker__HeartbeatFile=/tmp/worker.alive
RUN mkdir /data && chown $APP_UID /data
VOLUME /data
USER $APP_UID
# No HTTP port: liveness is a heartbeat file the worker touches every 10 s (see Heartbeat.cs).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "SupportCopilot.Worker.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "SupportCopilot.Worker.dll"]
