package dev.orders.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FairShareTest {

    @Test
    void aLoneInstanceOwnsEverySegment() {
        assertThat(FairShare.of(4, 1)).isEqualTo(4);
        assertThat(FairShare.of(4, 0)).isEqualTo(4);
        assertThat(FairShare.surplus(4, 4, 1)).isZero();
    }

    @Test
    void twoInstancesOwnHalfEachAndTheFirstGivesUpTheRest() {
        assertThat(FairShare.of(2, 2)).isEqualTo(1);
        assertThat(FairShare.surplus(2, 2, 2)).isEqualTo(1);
        assertThat(FairShare.surplus(4, 4, 2)).isEqualTo(2);
        assertThat(FairShare.surplus(1, 2, 2)).isZero();
    }

    @Test
    void theShareRoundsUpSoEverySegmentHasRoomSomewhere() {
        assertThat(FairShare.of(4, 3)).isEqualTo(2);
        assertThat(FairShare.of(2, 3)).isEqualTo(1);
        assertThat(FairShare.surplus(2, 4, 3)).isZero();
    }
}
