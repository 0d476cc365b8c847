package dev.bulwark.dataplane.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.upstream.CircuitBreaker.Admission;
import dev.bulwark.dataplane.upstream.CircuitBreaker.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    final List<State> transitions = new ArrayList<>();
    /** Opens after 3 failures; 0 ms cool-down, so a probe may go at once. */
    final CircuitBreaker breaker = new CircuitBreaker(3, 0, (b, to) -> transitions.add(to));
    /** Opens after 1 failure and stays open for the whole test. */
    final CircuitBreaker stuck = new CircuitBreaker(1, 3_600_000);

    @Test
    void opensAfterConsecutiveFailuresOnlyAndASuccessResetsTheCount() {
        breaker.onFailure(false);
        breaker.onFailure(false);
        breaker.onSuccess(false);
        breaker.onFailure(false);
        breaker.onFailure(false);
        assertThat(transitions).isEmpty();
        breaker.onFailure(false);
        assertThat(transitions).containsExactly(State.OPEN);
    }

    @Test
    void anOpenBreakerRefusesUntilItsCoolDownEnds() {
        stuck.onFailure(false);
        assertThat(stuck.state()).isEqualTo(State.OPEN);
        assertThat(stuck.tryAcquire()).isEqualTo(Admission.REFUSED);
    }

    @Test
    void exactlyOneProbeGoesAndItsSuccessCloses() {
        open(breaker);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.PROBE);
        assertThat(breaker.tryAcquire()).as("the probe is in flight").isEqualTo(Admission.REFUSED);
        breaker.onSuccess(true);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.ADMITTED);
        assertThat(transitions).containsExactly(State.OPEN, State.HALF_OPEN, State.CLOSED);
    }

    @Test
    void aFailedProbeOpensAgain() {
        open(breaker);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.PROBE);
        breaker.onFailure(true);
        assertThat(transitions).containsExactly(State.OPEN, State.HALF_OPEN, State.OPEN);
    }

    @Test
    void aProbeThatLearnedNothingIsHandedToTheNextRequest() {
        open(breaker);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.PROBE);
        breaker.onNeutral(true); // the probe's client went away
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.PROBE);
        assertThat(transitions).containsExactly(State.OPEN, State.HALF_OPEN, State.HALF_OPEN);
    }

    @Test
    void neutralOutcomesNeverCount() {
        for (int i = 0; i < 100; i++) {
            breaker.onNeutral(false);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void requestsAdmittedBeforeTheBreakerOpenedCannotCloseOrReopenIt() {
        stuck.onFailure(false);
        stuck.onSuccess(false);
        assertThat(stuck.state()).as("a late success of a regular request").isEqualTo(State.OPEN);

        open(breaker);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.PROBE);
        breaker.onFailure(false);
        breaker.onSuccess(false);
        assertThat(transitions).as("only the probe decides").containsExactly(State.OPEN, State.HALF_OPEN);
    }

    private static void open(CircuitBreaker breaker) {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure(false);
        }
    }
}
