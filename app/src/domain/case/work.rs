//! Which steps are an officer's 待办 (work), as opposed to optional actions on the case page.

/// Steps that move the case forward and so belong in an officer's 待办. Optional actions
/// (asking for more time, changing the tier, reopening...) are offered on the case page only.
pub fn is_work_item(kind: super::CommandKind) -> bool {
    use super::CommandKind as K;
    match kind {
        K::RequestExtension
        | K::PauseClock
        | K::ResumeClock
        | K::OpenGreenChannel
        | K::ChangeTier
        | K::Reopen
        | K::RecordObjection => false,
        K::Accept
        | K::RejectOutOfScope
        | K::RecordHomeCheck
        | K::HoldVillageReview
        | K::StartNotice
        | K::EndNotice
        | K::TownshipReview
        | K::CountyDecide
        | K::CountyDecideElimination
        | K::NotifyRefusal
        | K::AssignResponsible
        | K::AddPlan
        | K::UpdateMeasureStatus
        | K::LogVisit
        | K::ProposeElimination
        | K::RecordComparison
        | K::ApproveExtension => true,
    }
}

/// Like [`is_work_item`], but a step already done once (a responsible person named, a plan
/// made) is not "to do" again just because the engine allows changing it.
pub fn is_work_item_for(case: &super::Case, kind: super::CommandKind) -> bool {
    use super::CommandKind as K;
    is_work_item(kind)
        && match kind {
            K::AssignResponsible => case.responsible.is_none(),
            K::AddPlan => case.measures.is_empty(),
            K::RecordComparison => case.comparison.is_none(),
            _ => true,
        }
}
