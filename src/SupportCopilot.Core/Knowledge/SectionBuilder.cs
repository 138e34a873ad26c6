namespace SupportCopilot.Core.Knowledge;

/// <summary>Collects blocks under the current heading path (levels 1–6) for the structured formats.</summary>
internal sealed class SectionBuilder(string fallbackTitle)
{
    private readonly string?[] _path = new string?[7];
    private readonly List<Section> _sections = [];
    private readonly List<string> _blocks = [];

    public IReadOnlyList<Section> Sections
    {
        get { Flush(); return _sections; }
    }

    /// <summary>A heading closes the current section and replaces its level and every deeper one.</summary>
    public void Heading(int level, string text)
    {
        Flush();
        level = Math.Clamp(level, 1, 6);
        _path[level] = text;
        for (var i = level + 1; i < _path.Length; i++) _path[i] = null;
    }

    public void Block(string text)
    {
        if (!string.IsNullOrWhiteSpace(text)) _blocks.Add(text.Trim());
    }

    private void Flush()
    {
        if (_blocks.Count == 0) return;
        var path = string.Join(" > ", _path.Where(p => p is not null));
        _sections.Add(new Section(path.Length > 0 ? path : fallbackTitle, null, string.Join("\n\n", _blocks)));
        _blocks.Clear();
    }
}
