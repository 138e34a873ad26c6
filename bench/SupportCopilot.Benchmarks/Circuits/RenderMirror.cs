using System.Buffers.Binary;
using System.Text;

namespace SupportCopilot.Benchmarks.Circuits;

/// <summary>One node of the mirrored page: an element, a text, a markup block, or a component's container.</summary>
internal sealed class MirrorNode
{
    public required MirrorNodeKind Kind { get; init; }
    public string? Name { get; init; }
    public string? Text { get; set; }
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ulong> Handlers { get; } = new(StringComparer.Ordinal);
    public List<MirrorNode> Children { get; } = [];
    public MirrorNode? Parent { get; set; }

    public IEnumerable<MirrorNode> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var d in child.Descendants()) yield return d;
        }
    }

    public string TextContent() =>
        Kind is MirrorNodeKind.Text or MirrorNodeKind.Markup ? Text ?? "" : string.Concat(Children.Select(c => c.TextContent()));
}

internal enum MirrorNodeKind { Element, Text, Markup, Container }

/// <summary>
/// Keeps a copy of the page a Blazor Server circuit renders, by applying its render batches the way blazor.web.js does
/// (BrowserRenderer.applyEdits / insertFrame): components are logical containers, regions are flattened into their parent,
/// attribute frames lead their element, and an attribute with an event handler id registers a listener instead of a value.
/// The binary layout is RenderBatchWriter's: sections located by the five offsets at the end, 16-byte edits, 20-byte
/// frames, a string table of 7-bit length-prefixed UTF-8. A load client needs it to find a button's current handler id.
/// </summary>
internal sealed class RenderMirror
{
    private readonly Dictionary<int, MirrorNode> _components = [];

    public List<MirrorNode> Roots { get; } = [];

    public void AttachRoot(int componentId)
    {
        var root = new MirrorNode { Kind = MirrorNodeKind.Container };
        _components[componentId] = root;
        Roots.Add(root);
    }

    public IEnumerable<MirrorNode> AllNodes() => Roots.SelectMany(r => r.Descendants());

    public void Apply(byte[] batch)
    {
        var reader = new BatchReader(batch);
        var referenceFrames = reader.Int(batch.Length - 16);
        var updated = reader.Int(batch.Length - 20);
        var count = reader.Int(updated);
        for (var i = 0; i < count; i++)
        {
            var diff = reader.Int(updated + 4 + 4 * i);
            var componentId = reader.Int(diff);
            if (!_components.ContainsKey(componentId)) AttachRoot(componentId);
            ApplyEdits(reader, _components[componentId], diff + 4, referenceFrames + 4);
        }
        var disposed = reader.Int(batch.Length - 12);
        for (var i = 0; i < reader.Int(disposed); i++) _components.Remove(reader.Int(disposed + 4 + 4 * i));
    }

    private void ApplyEdits(BatchReader r, MirrorNode parent, int edits, int frames)
    {
        var depth = 0;
        List<(int From, int To)>? permutations = null;
        for (var i = 0; i < r.Int(edits); i++)
        {
            var edit = edits + 4 + 16 * i;
            var type = r.Int(edit);
            var sibling = r.Int(edit + 4);
            var frameIndex = r.Int(edit + 8);
            switch (type)
            {
                case 1: InsertFrame(r, parent, sibling, frames, frameIndex); break; // prepend frame
                case 2: Remove(parent, sibling); break;
                case 3: ApplyAttribute(r, parent.Children[sibling], Frame(frames, frameIndex)); break;
                case 4:
                {
                    var name = r.String(r.Int(edit + 12))!;
                    parent.Children[sibling].Attributes.Remove(name);
                    parent.Children[sibling].Handlers.Remove(name);
                    break;
                }
                case 5: parent.Children[sibling].Text = r.String(r.Int(Frame(frames, frameIndex) + 4)); break; // update text
                case 6: parent = parent.Children[sibling]; depth++; break; // step in
                case 7: parent = parent.Parent!; depth--; break; // step out
                case 8: // update markup
                    Remove(parent, sibling);
                    Insert(parent, sibling, new MirrorNode { Kind = MirrorNodeKind.Markup, Text = r.String(r.Int(Frame(frames, frameIndex) + 4)) });
                    break;
                case 9: (permutations ??= []).Add((sibling, frameIndex)); break; // permutation entry: to = moveToSiblingIndex
                case 10:
                {
                    var before = parent.Children.ToArray();
                    foreach (var (from, to) in permutations!) parent.Children[to] = before[from];
                    permutations = null;
                    break;
                }
                default: throw new InvalidDataException($"Unknown render tree edit type {type}.");
            }
        }
        if (depth != 0) throw new InvalidDataException("Unbalanced step-in/step-out edits in a render batch.");
    }

    private static int Frame(int frames, int index) => frames + 20 * index;

    /// <summary>Inserts one frame (and its subtree) at a logical child index; returns how many logical children it added.</summary>
    private int InsertFrame(BatchReader r, MirrorNode parent, int childIndex, int frames, int frameIndex)
    {
        var frame = Frame(frames, frameIndex);
        switch (r.Int(frame))
        {
            case 1: // element: leading attribute frames, then children
            {
                var element = new MirrorNode { Kind = MirrorNodeKind.Element, Name = r.String(r.Int(frame + 8)) };
                Insert(parent, childIndex, element);
                var end = frameIndex + r.Int(frame + 4);
                var i = frameIndex + 1;
                for (; i < end && r.Int(Frame(frames, i)) == 3; i++) ApplyAttribute(r, element, Frame(frames, i));
                InsertRange(r, element, 0, frames, i, end);
                return 1;
            }
            case 2: Insert(parent, childIndex, new MirrorNode { Kind = MirrorNodeKind.Text, Text = r.String(r.Int(frame + 4)) }); return 1;
            case 4:
            {
                var container = new MirrorNode { Kind = MirrorNodeKind.Container };
                Insert(parent, childIndex, container);
                _components[r.Int(frame + 8)] = container;
                return 1;
            }
            case 5: return InsertRange(r, parent, childIndex, frames, frameIndex + 1, frameIndex + r.Int(frame + 4)); // region: flattened
            case 8: Insert(parent, childIndex, new MirrorNode { Kind = MirrorNodeKind.Markup, Text = r.String(r.Int(frame + 4)) }); return 1;
            case 6 or 7 or 9 or 10: return 0; // reference captures, render modes, named events: nothing in the page
            case var t: throw new InvalidDataException($"Unexpected frame type {t} inserted.");
        }
    }

    private int InsertRange(BatchReader r, MirrorNode parent, int childIndex, int frames, int start, int end)
    {
        var first = childIndex;
        for (var i = start; i < end; i++)
        {
            childIndex += InsertFrame(r, parent, childIndex, frames, i);
            var frame = Frame(frames, i);
            if (r.Int(frame) is 1 or 4 or 5) i += r.Int(frame + 4) - 1; // its descendants were inserted with it
        }
        return childIndex - first;
    }

    private static void ApplyAttribute(BatchReader r, MirrorNode element, int frame)
    {
        var name = r.String(r.Int(frame + 4))!;
        var handler = r.ULong(frame + 12);
        if (handler != 0) { element.Handlers[name] = handler; return; }
        var value = r.String(r.Int(frame + 8));
        if (value is null) element.Attributes.Remove(name); // false booleans arrive as null: the attribute goes
        else element.Attributes[name] = value;
    }

    private static void Insert(MirrorNode parent, int index, MirrorNode child)
    {
        child.Parent = parent;
        parent.Children.Insert(index, child);
    }

    private static void Remove(MirrorNode parent, int index) => parent.Children.RemoveAt(index);

    private readonly struct BatchReader(byte[] data)
    {
        private readonly int _strings = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(data.Length - 4));

        public int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));

        public ulong ULong(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(offset));

        public string? String(int index)
        {
            if (index == -1) return null;
            var at = Int(_strings + 4 * index);
            int length = 0, shift = 0, prefix = 0;
            while (true)
            {
                var b = data[at + prefix++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80) break;
                shift += 7;
            }
            return Encoding.UTF8.GetString(data, at + prefix, length);
        }
    }
}
