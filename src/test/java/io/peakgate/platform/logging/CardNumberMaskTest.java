package io.peakgate.platform.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumberMaskTest {

    @Test
    void masksCardNumbersHoweverTheyAreWritten() {
        assertThat(CardNumberMask.mask("pan=4111111111111111 ok")).isEqualTo("pan=411111******1111 ok");
        assertThat(CardNumberMask.mask("card 4111 1111 1111 1111.")).isEqualTo("card 411111******1111.");
        assertThat(CardNumberMask.mask("x 2200-0000-0000-0004 y")).isEqualTo("x 220000******0004 y");
    }

    @Test
    void leavesOtherNumbersAlone() {
        // not Luhn-valid, too short, or part of a longer number
        assertThat(CardNumberMask.mask("order 4111111111111112")).isEqualTo("order 4111111111111112");
        assertThat(CardNumberMask.mask("account 100000000000001 and 3300000001")).isEqualTo("account 100000000000001 and 3300000001");
        assertThat(CardNumberMask.mask("ts 17153331669401715333167092")).isEqualTo("ts 17153331669401715333167092");
    }
}
