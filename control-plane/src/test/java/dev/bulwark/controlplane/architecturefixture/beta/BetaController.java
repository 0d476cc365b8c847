package dev.bulwark.controlplane.architecturefixture.beta;

import dev.bulwark.controlplane.architecturefixture.alpha.AlphaService;

/** Half of the alpha/beta cycle. A controller by name only: no annotation, so it never becomes a bean. */
public class BetaController {
    private final AlphaService alpha;

    public BetaController(AlphaService alpha) {
        this.alpha = alpha;
    }

    public String hello() {
        return "hello " + alpha;
    }
}
