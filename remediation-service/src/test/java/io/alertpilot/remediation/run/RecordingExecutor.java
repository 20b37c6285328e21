package io.alertpilot.remediation.run;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every action it is asked to run and answers as the test says; every action verifies at once. */
final class RecordingExecutor implements ActionExecutor {

    /** The actions run, in order. */
    final List<Action> executed = new CopyOnWriteArrayList<>();
    volatile ActionResult nextResult = new ActionResult.Done("ok", Map.of());
    volatile RuntimeException nextError;

    @Override
    public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
        executed.add(action);
        if (nextError != null) {
            throw nextError;
        }
        return nextResult;
    }

    @Override
    public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
        return new Verification.Verified("ready");
    }
}
