package dev.bulwark.controlplane.architecturefixture.alpha;

import dev.bulwark.controlplane.architecturefixture.beta.BetaController;

/** Breaks "no feature uses another feature's controller", and closes the alpha/beta cycle. */
public class AlphaService {
    public String greet(BetaController controller) {
        return controller.hello();
    }
}
