namespace ChargeController.Hal
{
    /// <summary>
    /// A curve given as points, interpolated linearly between them and clamped at its ends: an NTC's voltage-to-temperature
    /// curve without floating point or logarithms. The x values must be strictly monotonic (rising or falling).
    /// </summary>
    public sealed class PiecewiseLinear
    {
        private readonly int[] _x;
        private readonly int[] _y;

        public PiecewiseLinear(int[] x, int[] y)
        {
            if (x.Length != y.Length || x.Length < 2)
                throw new System.ArgumentException("a curve needs at least two points and one y per x");
            var rising = x[1] > x[0];
            for (var i = 1; i < x.Length; i++)
                if (x[i] == x[i - 1] || (x[i] > x[i - 1]) != rising)
                    throw new System.ArgumentException("curve points must be strictly monotonic in x");
            _x = x;
            _y = y;
        }

        public int At(int x)
        {
            var last = _x.Length - 1;
            var rising = _x[1] > _x[0];
            if (rising ? x <= _x[0] : x >= _x[0])
                return _y[0];
            if (rising ? x >= _x[last] : x <= _x[last])
                return _y[last];
            var i = 1;
            while (rising ? x > _x[i] : x < _x[i])
                i++;
            return _y[i - 1] + (int)((long)(x - _x[i - 1]) * (_y[i] - _y[i - 1]) / (_x[i] - _x[i - 1]));
        }
    }
}
