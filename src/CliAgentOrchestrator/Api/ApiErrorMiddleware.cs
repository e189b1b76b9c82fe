using CliAgentOrchestrator.Core.Errors;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// The one place where failures become HTTP answers, in the Python server's error shape
/// <c>{"detail": "..."}</c>. The core's own exceptions are the caller's to act on: they get their
/// status (<see cref="StatusOf"/>) and are logged in one line; anything else is a 500 with its stack
/// in the log.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (CaoException ex) when (!context.Response.HasStarted)
        {
            var status = StatusOf(ex);
            logger.LogInformation("{Method} {Path}: {Status} {Detail}", context.Request.Method, context.Request.Path, status, ex.Message);
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(BodyOf(ex));
        }
        // Thrown by providers (the SDK cannot derive from the core's CaoException): the request is fine;
        // this machine cannot serve its provider until the CLI is installed.
        catch (CliNotFoundException ex) when (!context.Response.HasStarted)
        {
            logger.LogInformation("{Method} {Path}: {Status} {Detail}", context.Request.Method, context.Request.Path, 422, ex.Message);
            await WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ex.Message);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, ex.StatusCode, ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    public static int StatusOf(CaoException exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ConflictException => StatusCodes.Status409Conflict,
        InvalidRequestException => StatusCodes.Status400BadRequest,
        InvalidParameterException => StatusCodes.Status422UnprocessableEntity,
        DeniedException => StatusCodes.Status403Forbidden,
        ForbiddenException => StatusCodes.Status403Forbidden,
        MessageTooLargeException => StatusCodes.Status413PayloadTooLarge,
        WorkerFailedException { Kind: WorkerFailure.Error } => StatusCodes.Status502BadGateway,
        WorkerFailedException { Kind: WorkerFailure.Timeout } => StatusCodes.Status504GatewayTimeout,
        // The write did not happen: never a 200 for it. 503 says "not now", which is what a
        // deleted, read-only or full database is until someone fixes it.
        StorageUnavailableException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    // Denials and failed workers carry more than a sentence: who refused, which worker to look at.
    private static object BodyOf(CaoException exception) => exception switch
    {
        DeniedException denied => new { detail = denied.Message, plugin = denied.Denial.Plugin, reason = denied.Denial.Reason, code = denied.Denial.Code },
        WorkerFailedException failed => new
        {
            detail = new { message = failed.Message, kind = failed.Kind == WorkerFailure.Error ? "error" : "timeout", terminal_id = failed.TerminalId },
        },
        _ => new { detail = exception.Message },
    };

    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { detail });
    }
}
