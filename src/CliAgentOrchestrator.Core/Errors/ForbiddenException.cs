namespace CliAgentOrchestrator.Core.Errors;

/// <summary>The caller may not do this (a tool outside its terminal's allowed tools). HTTP 403.</summary>
public sealed class ForbiddenException(string message) : CaoException(message);
