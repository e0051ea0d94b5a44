package org.qatlas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplCommandTest {

    @Test
    void nameAndArgument() {
        assertEquals(new ReplCommand(":load", "runs/a b.qat"), ReplCommand.parse("  :load   runs/a b.qat  "));
        assertEquals(new ReplCommand(":q", ""), ReplCommand.parse(":q"));
    }

    @Test
    void onlyLinesStartingWithAColonAreCommands() {
        assertTrue(ReplCommand.isCommand(" :help"));
        assertFalse(ReplCommand.isCommand("r = {a: 1}"));
    }

    @Test
    void loadPathsMayBeQuotedOrStartAtHome() {
        assertEquals("my runs/a.qat", ReplCommand.parse(":load \"my runs/a.qat\"").argumentAsPath());
        assertEquals(System.getProperty("user.home") + "/a.qat", ReplCommand.parse(":load ~/a.qat").argumentAsPath());
        assertEquals("plain.qat", ReplCommand.parse(":load plain.qat").argumentAsPath());
    }
}
