namespace CliAgentOrchestrator.Api;

/// <summary>Turns exceptions into the Python server's error shape: <c>{"detail": "..."}</c>.</summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (DeniedException ex) when (!context.Response.HasStarted)
        {
            logger.LogInformation("{Method} {Path}: {Detail}", context.Request.Method, context.Request.Path, ex.Message);
            context.Response.StatusCode = ex.StatusCode;
            await context.Response.WriteAsJsonAsync(new { detail = ex.Message, plugin = ex.Denial.Plugin, reason = ex.Denial.Reason, code = ex.Denial.Code });
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            logger.LogInformation("{Method} {Path}: {Status} {Detail}", context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message);
            context.Response.StatusCode = ex.StatusCode;
            await context.Response.WriteAsJsonAsync(new { detail = ex.Detail ?? ex.Message });
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

    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { detail });
    }
}
