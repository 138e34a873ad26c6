# The EF Core migration bundle for SQL Server, as a run-once image (compose service `migrate`, Kubernetes Job):
#   docker build -f deploy/migrate.Dockerfile -t supportcopilot/migrate:latest .
#   docker run --rm supportcopilot/migrate:latest --connection "<SQL Server connection string>"
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props dotnet-tools.json ./
COPY src/ src/
RUN dotnet tool restore && dotnet restore src/SupportCopilot.Core/SupportCopilot.Core.csproj \
 && dotnet ef migrations bundle --project src/SupportCopilot.Core --context SqlServerAppDbContext --self-contained -r linux-x64 -o /out/efbundle

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
COPY --from=build /out/efbundle /efbundle
USER $APP_UID
ENTRYPOINT ["/efbundle"]
