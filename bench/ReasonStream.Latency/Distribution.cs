namespace ReasonStream.Latency;

/// <summary>Order statistics of a set of latencies in microseconds.</summary>
internal sealed class Distribution
{
    private readonly double[] _sorted;

    public Distribution(IEnumerable<double> values)
    {
        _sorted = [.. values];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double this[double quantile] => Count == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(quantile * Count) - 1, 0, Count - 1)];

    public double P50 => this[0.50];

    public double P90 => this[0.90];

    public double P99 => this[0.99];

    public double Max => Count == 0 ? double.NaN : _sorted[^1];
}
