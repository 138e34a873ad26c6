using Microsoft.AspNetCore.Components;
using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Web.Knowledge;

public partial class KnowledgePage
{
    [Inject] private KnowledgeCatalog Catalog { get; set; } = default!;
    [Inject] private EmbeddingIndexer Embeddings { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<DocumentRow>? _rows;
    private string? _search;
    private DocumentStatus? _status;
    private string? _type;
    private Timer? _refresh;

    private IEnumerable<DocumentRow> Filtered => (_rows ?? []).Where(r =>
        (string.IsNullOrWhiteSpace(_search) || r.FileName.Contains(_search, StringComparison.OrdinalIgnoreCase)
            || (r.Tags?.Contains(_search, StringComparison.OrdinalIgnoreCase) ?? false))
        && (_status is null || r.Status == _status)
        && (_type is null || r.ContentType == _type));

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        // Workers may run in other processes, so the page polls: every 2 s, and only reloads while work is in flight.
        _refresh = new Timer(_ => InvokeAsync(RefreshIfBusyAsync), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private async Task RefreshIfBusyAsync()
    {
        if (_rows is null || !_rows.Any(r => r.Status is DocumentStatus.Pending or DocumentStatus.Processing)) return;
        await ReloadAsync();
        StateHasChanged();
    }

    private void OpenRow(MudBlazor.TableRowClickEventArgs<DocumentRow> e)
    {
        if (e.Item is not null) Navigation.NavigateTo($"/knowledge/{e.Item.Id}");
    }

    private async Task ReloadAsync() => _rows = await Catalog.ListAsync();

    internal static string TypeName(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "text/markdown" => "Markdown",
        "text/html" => "HTML",
        "text/plain" => "Text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
        "pending" => "—",
        _ => contentType,
    };

    internal static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    public void Dispose() => _refresh?.Dispose();
}
