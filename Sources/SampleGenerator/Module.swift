/// Deterministic generator of realistic fictional case exports (`valvonta sample`).
