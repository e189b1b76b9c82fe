namespace CliAgentOrchestrator.Core.Terminals.Output;

/// <summary>The last <see cref="Capacity"/> bytes appended, oldest dropped first. Not thread-safe.</summary>
internal sealed class RollingByteBuffer
{
    private readonly byte[] _ring;
    private int _start; // index of the oldest byte
    private int _count;

    public RollingByteBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new byte[capacity];
    }

    public int Capacity => _ring.Length;

    public int Count => _count;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _ring.Length)
        {
            data[^_ring.Length..].CopyTo(_ring);
            _start = 0;
            _count = _ring.Length;
            return;
        }
        foreach (var b in data)
        {
            var end = (_start + _count) % _ring.Length;
            _ring[end] = b;
            if (_count < _ring.Length)
                _count++;
            else
                _start = (_start + 1) % _ring.Length;
        }
    }

    public byte[] ToArray()
    {
        var copy = new byte[_count];
        var firstPart = Math.Min(_count, _ring.Length - _start);
        Array.Copy(_ring, _start, copy, 0, firstPart);
        Array.Copy(_ring, 0, copy, firstPart, _count - firstPart);
        return copy;
    }

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }
}
