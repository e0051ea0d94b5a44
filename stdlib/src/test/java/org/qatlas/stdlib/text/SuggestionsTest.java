package org.qatlas.stdlib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void suggestsTheNearestNameForATypo() {
        List<String> names = List.of("model", "mode", "budget", "train");
        assertEquals(" (did you mean 'model'?)", Suggestions.didYouMean("modle", names));
        assertEquals(" (did you mean 'budget'?)", Suggestions.didYouMean("budgte", names));
        assertEquals(" (did you mean 'train'?)", Suggestions.didYouMean("trian", names));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertEquals("", Suggestions.didYouMean("xyz", List.of("model", "budget")));
        assertEquals("", Suggestions.didYouMean("x", List.of()));
    }

    @Test
    void countsSwapsAsOneEdit() {
        assertEquals(1, Suggestions.editDistance("modle", "model"));
        assertEquals(3, Suggestions.editDistance("kitten", "sitting"));
        assertEquals(0, Suggestions.editDistance("", ""));
    }
}
