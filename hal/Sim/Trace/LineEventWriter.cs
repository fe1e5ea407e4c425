using ChargeController.Firmware.Events;

namespace ChargeController.Sim.Trace
{
    /// <summary>
    /// An event writer that renders each event, and each line the technician console printed, into one reused line
    /// buffer and hands the line to a sink.
    /// </summary>
    public abstract class LineEventWriter : IEventWriter, IConsoleTrace
    {
        private readonly ITraceSink _sink;

        protected LineEventWriter(ITraceSink sink)
        {
            _sink = sink;
        }

        protected LineBuilder Line { get; } = new LineBuilder();

        public void Write(PileEvent e)
        {
            if (e.Kind == EventKind.ConfigChange)
                return; // the command's own line shows the change; its platform event shows as the mqtt publish
            Line.Clear();
            Render(e);
            Send();
        }

        public void ConsoleLine(long timeMs, string line)
        {
            Line.Clear();
            RenderConsoleLine(timeMs, line);
            Send();
        }

        /// <summary>Hands the line built so far to the sink.</summary>
        protected void Send() => _sink.WriteLine(Line.ToString());

        protected abstract void Render(PileEvent e);

        protected abstract void RenderConsoleLine(long timeMs, string line);
    }
}
