package dev.bulwark.controlplane.signup;

import dev.bulwark.controlplane.identity.session.SessionCookies;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

@Controller("/api/v1/signup")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignupController {
    private final Signup signup;
    private final SessionCookies cookies;

    public SignupController(Signup signup, SessionCookies cookies) {
        this.signup = signup;
        this.cookies = cookies;
    }

    @Post
    @PublicEndpoint
    public HttpResponse<SessionResponse> signUp(HttpRequest<?> request, @Valid @Body SignupCommand command) {
        return signup.signUp(command).respond(request, HttpStatus.CREATED, cookies);
    }
}
