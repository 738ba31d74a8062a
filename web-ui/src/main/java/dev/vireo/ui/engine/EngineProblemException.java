package dev.vireo.ui.engine;

/** The engine answered with an error status; {@link #problem()} carries its problem+json body. */
public class EngineProblemException extends EngineException {

    private final Problem problem;

    public EngineProblemException(Problem problem) {
        super(problem.message(), null);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status() == null ? 0 : problem.status();
    }
}
