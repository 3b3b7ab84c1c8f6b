import * as __typia_transform__isFormatUuid from "typia/lib/internal/_isFormatUuid.js";
import * as __typia_transform__isFormatDateTime from "typia/lib/internal/_isFormatDateTime.js";
import * as __typia_transform__isTypeUint64 from "typia/lib/internal/_isTypeUint64.js";
import { type tags } from "typia";
type Uuid = string & tags.Format<"uuid">;
type Timestamp = string & tags.Format<"date-time">;
type Cost = number & tags.ExclusiveMinimum<-79228162514264333195497439232> & tags.ExclusiveMaximum<79228162514264333195497439232>;
type Duration = number & tags.Type<"uint64">;
type RunStatus = "pending" | "running" | "completed" | "failed" | "retrying" | "cancelled" | "awaiting_approval";
interface RunCreated {
    type: "run_created";
    run_id: Uuid;
    workflow_name: string;
    at: Timestamp;
}
interface RunStatusChanged {
    type: "run_status_changed";
    run_id: Uuid;
    workflow_name: string;
    from: RunStatus;
    to: RunStatus;
    error?: string | null;
    cost_usd: Cost;
    duration_ms: Duration;
    at: Timestamp;
}
interface RunFailed {
    type: "run_failed";
    run_id: Uuid;
    workflow_name: string;
    error?: string | null;
    cost_usd: Cost;
    duration_ms: Duration;
    at: Timestamp;
}
interface StepCompleted {
    type: "step_completed";
    run_id: Uuid;
    step_id: Uuid;
    step_name: string;
    kind: string;
    duration_ms: Duration;
    cost_usd: Cost;
    at: Timestamp;
}
interface StepFailed {
    type: "step_failed";
    run_id: Uuid;
    step_id: Uuid;
    step_name: string;
    kind: string;
    error: string;
    at: Timestamp;
}
interface ApprovalRequested {
    type: "approval_requested";
    run_id: Uuid;
    step_id: Uuid;
    message: string;
    at: Timestamp;
}
interface ApprovalGranted {
    type: "approval_granted";
    run_id: Uuid;
    approved_by: string;
    at: Timestamp;
}
interface ApprovalRejected {
    type: "approval_rejected";
    run_id: Uuid;
    rejected_by: string;
    at: Timestamp;
}
interface LogLine {
    type: "log_line";
    run_id: Uuid;
    step_id: Uuid;
    step_name: string;
    stream: "stdout" | "stderr" | "system";
    line: string;
    at: Timestamp;
}
interface UserSignedIn {
    type: "user_signed_in";
    user_id: Uuid;
    username: string;
    at: Timestamp;
}
interface UserSignedUp {
    type: "user_signed_up";
    user_id: Uuid;
    username: string;
    at: Timestamp;
}
interface UserSignedOut {
    type: "user_signed_out";
    user_id: Uuid;
    at: Timestamp;
}
export type TypiaEvent = RunCreated | RunStatusChanged | RunFailed | StepCompleted | StepFailed | ApprovalRequested | ApprovalGranted | ApprovalRejected | LogLine | UserSignedIn | UserSignedUp | UserSignedOut;
/** typia's checker of every event, in the default mode (unknown fields pass). */
export const typiaIsEvent = (() => { const _io0 = (input: any): boolean => "run_created" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && "string" === typeof input.workflow_name && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io1 = (input: any): boolean => "run_status_changed" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && "string" === typeof input.workflow_name && ("pending" === input.from || "running" === input.from || "completed" === input.from || "failed" === input.from || "retrying" === input.from || "cancelled" === input.from || "awaiting_approval" === input.from) && ("pending" === input.to || "running" === input.to || "completed" === input.to || "failed" === input.to || "retrying" === input.to || "cancelled" === input.to || "awaiting_approval" === input.to) && (null === input.error || undefined === input.error || "string" === typeof input.error) && ("number" === typeof input.cost_usd && (-7.922816251426434e+28 < input.cost_usd && input.cost_usd < 7.922816251426434e+28)) && ("number" === typeof input.duration_ms && __typia_transform__isTypeUint64._isTypeUint64(input.duration_ms)) && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io2 = (input: any): boolean => "run_failed" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && "string" === typeof input.workflow_name && (null === input.error || undefined === input.error || "string" === typeof input.error) && ("number" === typeof input.cost_usd && (-7.922816251426434e+28 < input.cost_usd && input.cost_usd < 7.922816251426434e+28)) && ("number" === typeof input.duration_ms && __typia_transform__isTypeUint64._isTypeUint64(input.duration_ms)) && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io3 = (input: any): boolean => "step_completed" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && ("string" === typeof input.step_id && __typia_transform__isFormatUuid._isFormatUuid(input.step_id)) && "string" === typeof input.step_name && "string" === typeof input.kind && ("number" === typeof input.duration_ms && __typia_transform__isTypeUint64._isTypeUint64(input.duration_ms)) && ("number" === typeof input.cost_usd && (-7.922816251426434e+28 < input.cost_usd && input.cost_usd < 7.922816251426434e+28)) && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io4 = (input: any): boolean => "step_failed" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && ("string" === typeof input.step_id && __typia_transform__isFormatUuid._isFormatUuid(input.step_id)) && "string" === typeof input.step_name && "string" === typeof input.kind && "string" === typeof input.error && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io5 = (input: any): boolean => "approval_requested" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && ("string" === typeof input.step_id && __typia_transform__isFormatUuid._isFormatUuid(input.step_id)) && "string" === typeof input.message && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io6 = (input: any): boolean => "approval_granted" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && "string" === typeof input.approved_by && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io7 = (input: any): boolean => "approval_rejected" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && "string" === typeof input.rejected_by && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io8 = (input: any): boolean => "log_line" === input.type && ("string" === typeof input.run_id && __typia_transform__isFormatUuid._isFormatUuid(input.run_id)) && ("string" === typeof input.step_id && __typia_transform__isFormatUuid._isFormatUuid(input.step_id)) && "string" === typeof input.step_name && ("stdout" === input.stream || "stderr" === input.stream || "system" === input.stream) && "string" === typeof input.line && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io9 = (input: any): boolean => "user_signed_in" === input.type && ("string" === typeof input.user_id && __typia_transform__isFormatUuid._isFormatUuid(input.user_id)) && "string" === typeof input.username && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io10 = (input: any): boolean => "user_signed_up" === input.type && ("string" === typeof input.user_id && __typia_transform__isFormatUuid._isFormatUuid(input.user_id)) && "string" === typeof input.username && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _io11 = (input: any): boolean => "user_signed_out" === input.type && ("string" === typeof input.user_id && __typia_transform__isFormatUuid._isFormatUuid(input.user_id)) && ("string" === typeof input.at && __typia_transform__isFormatDateTime._isFormatDateTime(input.at)); const _iu0 = (input: any): any => (() => {
    if ("run_created" === input.type)
        return _io0(input);
    else if ("run_status_changed" === input.type)
        return _io1(input);
    else if ("run_failed" === input.type)
        return _io2(input);
    else if ("step_completed" === input.type)
        return _io3(input);
    else if ("step_failed" === input.type)
        return _io4(input);
    else if ("approval_requested" === input.type)
        return _io5(input);
    else if ("approval_granted" === input.type)
        return _io6(input);
    else if ("approval_rejected" === input.type)
        return _io7(input);
    else if ("log_line" === input.type)
        return _io8(input);
    else if ("user_signed_up" === input.type)
        return _io10(input);
    else if ("user_signed_in" === input.type)
        return _io9(input);
    else if ("user_signed_out" === input.type)
        return _io11(input);
    else
        return false;
})(); return (input: any): input is TypiaEvent => "object" === typeof input && null !== input && _iu0(input); })();
