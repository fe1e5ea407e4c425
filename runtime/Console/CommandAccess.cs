namespace ChargeController.Runtime.Console
{
    /// <summary>Who may run a console command.</summary>
    public enum CommandAccess
    {
        /// <summary>Anyone with the cable: reads the pile, changes nothing.</summary>
        Open,
        /// <summary>Logged in, with the factory PIN or the technician PIN.</summary>
        LoggedIn,
        /// <summary>Logged in with the technician PIN.</summary>
        Technician,
    }
}
