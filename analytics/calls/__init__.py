"""One call as a person reads it: the call card's facts in words, its timeline and its chart."""
