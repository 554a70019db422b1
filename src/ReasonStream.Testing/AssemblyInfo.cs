using System.Runtime.CompilerServices;

// The write planner is tested directly: its cuts and due times are exact, unlike what a client observes.
[assembly: InternalsVisibleTo("ReasonStream.Tests")]
