"""Sound: compile a composition into a schedule, play it through FluidSynth, render it offline."""
