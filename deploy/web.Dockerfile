# SupportCopilot.Web — build from the repository root:
#   docker build -f deploy/web.Dockerfile -t supportcopilot/web:latest .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, on the project files only, so code changes reuse the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SupportCopilot.Core/SupportCopilot.Core.csproj src/SupportCopilot.Core/
COPY src/SupportCopilot.Web/SupportCopilot.Web.csproj src/SupportCopilot.Web/
RUN dotnet restore src/SupportCopilot.Web/SupportCopilot.Web.csproj
COPY src/ src/
RUN dotnet publish src/SupportCopilot.Web/SupportCopilot.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# Data (SQLite in the embedded mode, the outbox pickup folder) lives on a volume; everything else is read-only.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Storage__DataDirectory=/data \
    DOTNET_gcServer=0
RUN mkdir /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080
# The image's built-in non-root user (uid 1654).
USER $APP_UID
# The runtime image has no curl: the app probes its own /health/live.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["dotnet", "SupportCopilot.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "SupportCopilot.Web.dll"]
