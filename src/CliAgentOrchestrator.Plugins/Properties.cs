using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("cao")]
