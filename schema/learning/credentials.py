"""Certification credentials: the Credential entity and its computed status, public verification,
recording and maintaining credentials, a member's credentials, and the path to a certification.

Community types are referenced lazily (`schema.community.types` mixes these Member fields in,
so importing it here at import time would be a cycle).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from graph.community.repository import Row
from resolvers.community.validation import UserError as UserErrorData
from resolvers.ids import to_global_id
from resolvers.learning import credentials as service
from resolvers.learning import paths
from resolvers.learning.catalog import catalog
from resolvers.learning.open_badges import credential_valid_until
from schema.context import Info
from schema.learning.catalog import Certification, Module, Release, Superbadge, learning_item, reference_id, time_of
from schema.learning.sharing import Sharing
from schema.relay import Connection, Node, window

if TYPE_CHECKING:
    from schema.community.mutations import UserError
    from schema.community.types import Member, Skill

MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
SkillRef = Annotated["Skill", strawberry.lazy("schema.community.types")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _user_errors(errors: list[UserErrorData]) -> list[UserError]:
    from schema.community.mutations import _errors

    return _errors(errors)


def _member(row: Row | None) -> Member | None:
    from schema.community.types import Member as MemberType

    return MemberType.from_row(row) if row else None


def _skills(rows: list[Row]) -> list[Skill]:
    from schema.community.types import Skill as SkillType

    return [SkillType.from_row(row) for row in rows]


@strawberry.enum(description=(
    "Where a credential stands, computed from the release calendar whenever it is read (never stored)."))
class CredentialStatus(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Valid, and no maintenance is due.")
    MAINTENANCE_DUE = strawberry.enum_value("MAINTENANCE_DUE", description=(
        "Still valid, but a release's maintenance module is due: complete it by `maintenanceDeadline`."))
    EXPIRED = strawberry.enum_value("EXPIRED", description=(
        "A maintenance deadline passed: no longer valid; recording the certification again renews it."))


@strawberry.federation.type(keys=["id"], description=(
    "A member's credential: proof that they earned a certification. Its status is computed at read time from "
    "the release calendar: a certification that requires maintenance needs each release's maintenance module "
    "completed by that release's deadline."))
class Credential(Node):
    id: strawberry.ID
    credential_id: str = strawberry.field(description=(
        "The public verification code: anyone can check it with `verifyCredential`."))
    earned_at: datetime
    covered_through: datetime = strawberry.field(description=(
        "Maintenance is done up to here: the release date of the last release maintained, or `earnedAt`."))
    row: Private[Row]

    @strawberry.field(description="The certification this credential proves.")
    async def certification(self, info: Info) -> Certification:
        row = await catalog(info.context.scope).certification_by_id.load(self.row["certificationId"])
        return Certification.from_row(row)

    @strawberry.field(description="Who holds it; null when you may not see their profile.")
    async def holder(self, info: Info) -> MemberRef | None:
        return _member(await service.holder_of(info.context.scope, self.row))

    @strawberry.field(description="ACTIVE, MAINTENANCE_DUE or EXPIRED, as of now.")
    async def status(self, info: Info) -> CredentialStatus:
        return CredentialStatus((await service.state_of(info.context.scope, self.row)).status)

    @strawberry.field(description=(
        "The releases whose maintenance is due now, oldest first; empty unless MAINTENANCE_DUE. Maintain the "
        "oldest first."))
    async def maintenance_due(self, info: Info) -> list[Release]:
        return [Release.from_row(r) for r in (await service.state_of(info.context.scope, self.row)).due]

    @strawberry.field(description="The earliest deadline among `maintenanceDue`; null when nothing is due.")
    async def maintenance_deadline(self, info: Info) -> datetime | None:
        return (await service.state_of(info.context.scope, self.row)).deadline

    @strawberry.field(description=(
        "When it expires unless maintained: the earliest maintenance deadline of a release after `coveredThrough` "
        "(due now or already scheduled). Null when EXPIRED, when no release is pending, and for certifications "
        "that need no maintenance."))
    async def expires_at(self, info: Info) -> datetime | None:
        return (await service.state_of(info.context.scope, self.row)).expires_at

    @strawberry.field(description="EXPIRED only: the maintenance deadline it missed (the earliest one).")
    async def expired_at(self, info: Info) -> datetime | None:
        return (await service.state_of(info.context.scope, self.row)).expired_at

    @strawberry.field(description=(
        "Share it: its Open Badges 3.0 document (public, unsigned, with its status) and a LinkedIn "
        "add-to-profile link whose expiry is the maintenance deadline when one is due or missed."))
    async def sharing(self, info: Info) -> Sharing:
        scope = info.context.scope
        certification = await catalog(scope).certification_by_id.load(self.row["certificationId"])
        state = await service.state_of(scope, self.row)
        deadline = state.expired_at if state.status == "EXPIRED" else state.deadline
        return Sharing.for_credential({
            "credentialId": self.credential_id, "earnedAt": self.earned_at, "certificationTitle": certification["title"],
            "expiresAt": credential_valid_until(status=state.status, maintenance_deadline=deadline)})

    @classmethod
    def from_row(cls, row: Row) -> "Credential":
        return cls(id=strawberry.ID(to_global_id("Credential", row["id"])), credential_id=row["credentialId"],
                   earned_at=time_of(row["earnedAt"]), covered_through=time_of(row["coveredThrough"]),  # type: ignore[arg-type]
                   row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Credential | None":
        local = reference_id(id, "Credential")
        row = await service.credential_by_id(info.context.scope, local) if local else None
        return cls.from_row(row) if row else None


@strawberry.type(description=(
    "The public answer to `verifyCredential`: what the credential proves and whether it is valid. The holder is "
    "named only when you may see their profile; nothing else about them is ever shown."))
class CredentialVerification:
    credential_id: str
    valid: bool = strawberry.field(description="True when ACTIVE or MAINTENANCE_DUE.")
    status: CredentialStatus
    certification: Certification
    earned_at: datetime
    holder_name: str | None = strawberry.field(description=(
        "The holder's display name, only when you may see their profile; else null."))
    holder: MemberRef | None = strawberry.field(description="The holder, only when you may see their profile.")


# -- the path to a certification ------------------------------------------------------------------


@strawberry.enum(description="Why a step is on a certification path.")
class PathStepReason(Enum):
    PREREQUISITE_CERTIFICATION = strawberry.enum_value("PREREQUISITE_CERTIFICATION", description=(
        "A certification to hold (ACTIVE or MAINTENANCE_DUE) before this exam."))
    RECOMMENDED = strawberry.enum_value("RECOMMENDED", description="Preparation the exam guide recommends.")
    UNLOCKS_SUPERBADGE = strawberry.enum_value("UNLOCKS_SUPERBADGE", description=(
        "A module a recommended superbadge requires first."))
    TEACHES_SKILL = strawberry.enum_value("TEACHES_SKILL", description=(
        "Teaches a skill the certification attests that you neither hold nor learned yet."))


CertificationPathItem = Annotated[Module | Superbadge | Certification, strawberry.union(
    "CertificationPathItem", description="A step's item: a module or superbadge to complete, or a certification to earn.")]


@strawberry.type(description="One step of a certification path.")
class CertificationPathStep:
    item: CertificationPathItem
    estimated_minutes: int | None = strawberry.field(description=(
        "The item's estimated minutes; null for a prerequisite certification (ask `pathTo` for its own path)."))
    reason: PathStepReason
    skills: list[SkillRef] = strawberry.field(description=(
        "The certification's skills you lack that this step teaches."))


@strawberry.type(description="The maintenance a certification will need once earned.")
class CertificationMaintenance:
    requires_maintenance: bool
    cadence: str = strawberry.field(description="How maintenance goes, in words, from the release calendar.")
    next_releases: list[Release] = strawberry.field(description=(
        "Scheduled releases not out yet, oldest first: the first maintenance modules you would owe. Empty when "
        "no maintenance is needed."))


@strawberry.type(description=(
    "What you still lack to be ready for a certification, in order. Ready means: every prerequisite "
    "certification held ACTIVE or MAINTENANCE_DUE; every module and superbadge the exam guide recommends "
    "completed (a superbadge after the modules it requires); and every skill the certification attests held on "
    "your profile or learned by completing a module or superbadge that teaches it. Steps come in that order: "
    "prerequisite certifications (deepest first), the exam guide's preparation in its order (each superbadge "
    "after the modules that unlock it), then modules for the attested skills still missing (those covering "
    "the most missing skills first, then modules of the certification's role, then the shortest)."))
class CertificationPath:
    certification: Certification
    steps: list[CertificationPathStep]
    total_minutes: int = strawberry.field(description="The sum of the steps' estimated minutes.")
    exam_fee_usd: int = strawberry.field(description="This certification's exam fee.")
    total_exam_fees_usd: int = strawberry.field(description=(
        "This exam's fee plus the fees of the prerequisite certifications on the path."))
    maintenance: CertificationMaintenance
    missing_skills: list[SkillRef] = strawberry.field(description=(
        "Attested skills you neither hold nor learned yet (the skill steps teach them where the catalog can)."))
    is_ready: bool = strawberry.field(description="True when there are no steps and no missing skills.")
    credential: Credential | None = strawberry.field(description=(
        "Your own credential of this certification, in any status, if you hold one."))

    @classmethod
    def of(cls, found: paths.CertificationPath) -> "CertificationPath":
        def item(step: paths.PathStep) -> Module | Superbadge | Certification:
            if step.item.kind == paths.CERTIFICATION:
                return Certification.from_row(step.item.row)  # type: ignore[arg-type]
            return learning_item(step.item.kind, step.item.row)  # type: ignore[arg-type]

        steps = [CertificationPathStep(item=item(s), estimated_minutes=s.item.minutes, reason=PathStepReason(s.reason),
                                       skills=_skills([found.skills[k] for k in s.skills])) for s in found.steps]
        cert = found.certification
        return cls(certification=Certification.from_row(cert), steps=steps, total_minutes=found.total_minutes,
                   exam_fee_usd=cert["examFeeUsd"], total_exam_fees_usd=found.exam_fees_usd,
                   maintenance=CertificationMaintenance(
                       requires_maintenance=bool(cert["requiresMaintenance"]), cadence=found.cadence,
                       next_releases=[Release.from_row(r) for r in found.next_releases]),
                   missing_skills=_skills(found.missing_skills), is_ready=found.is_ready,
                   credential=Credential.from_row(found.credential) if found.credential else None)


# -- root fields ------------------------------------------------------------------------------


@strawberry.type
class CredentialQueries:
    @strawberry.field(description=(
        "Check a credential by its public code; anyone may ask, signed in or not. Null for an unknown code. The "
        "holder is named only when you may see their profile."))
    async def verify_credential(self, info: Info, credential_id: str) -> CredentialVerification | None:
        found = await service.verify_credential(info.context.scope, credential_id=credential_id)
        if found is None:
            return None
        row = await catalog(info.context.scope).certification_by_id.load(found.credential["certificationId"])
        holder = found.holder
        return CredentialVerification(
            credential_id=found.credential["credentialId"], valid=found.state.valid,
            status=CredentialStatus(found.state.status), certification=Certification.from_row(row),
            earned_at=time_of(found.credential["earnedAt"]),  # type: ignore[arg-type]
            holder_name=(holder.get("displayName") or holder["handle"]) if holder else None, holder=_member(holder))


@strawberry.input(description="A certification a member earned.")
class RecordCertificationInput:
    member_id: strawberry.ID
    certification_id: strawberry.ID
    earned_at: datetime = strawberry.field(description="When they passed; not in the future (UTC if no offset).")
    credential_id: str = strawberry.field(description=(
        "The public verification code: 4 to 64 letters, digits, dots, dashes or underscores; unique."))


@strawberry.type
class RecordCertificationPayload:
    credential: Credential | None
    user_errors: list[UserErrorRef] = strawberry.field(description=(
        "Codes: BAD_USER_INPUT, NOT_FOUND, ALREADY_HOLDS (a credential of it that has not expired), "
        "DUPLICATE_CREDENTIAL_ID, PREREQUISITES_MISSING (the message names them)."))


@strawberry.input
class CompleteMaintenanceInput:
    module_id: strawberry.ID = strawberry.field(description="A maintenance module (kind MAINTENANCE).")


@strawberry.enum(description="Why a maintenance module did not maintain one of your credentials.")
class MaintenanceRefusal(Enum):
    EXPIRED = strawberry.enum_value("EXPIRED", description="Too late: it must be earned again.")
    EARLIER_RELEASE_DUE = strawberry.enum_value("EARLIER_RELEASE_DUE", description=(
        "An older release's maintenance is due: complete that module first."))
    RELEASE_NOT_YET_OUT = strawberry.enum_value("RELEASE_NOT_YET_OUT", description=(
        "The module's release is not out yet: nothing to maintain before it."))
    MAINTENANCE_NOT_REQUIRED = strawberry.enum_value("MAINTENANCE_NOT_REQUIRED", description=(
        "The certification needs no maintenance."))


@strawberry.type(description="A credential the module could not maintain, and why.")
class NotMaintainableCredential:
    credential: Credential
    reason: MaintenanceRefusal


@strawberry.type
class CompleteMaintenancePayload:
    maintained: list[Credential] = strawberry.field(description="Now covered through the module's release.")
    already_current: list[Credential] = strawberry.field(description="Covered through that release already.")
    not_maintainable: list[NotMaintainableCredential]
    points_awarded: int = strawberry.field(description="Points the module's units gave you now (0 when done before).")
    module: Module | None
    user_errors: list[UserErrorRef] = strawberry.field(description=(
        "Codes: BAD_USER_INPUT, NOT_FOUND, NOT_MAINTENANCE_MODULE."))


@strawberry.type
class CredentialMutations:
    @strawberry.mutation(description=(
        "Record that a member earned a certification; issuers and admins only (others: FORBIDDEN). One credential "
        "per member and certification: recording an EXPIRED one renews it (new earnedAt, coveredThrough and "
        "code; the old code stops verifying). Prerequisite certifications must be held ACTIVE or MAINTENANCE_DUE."))
    async def record_certification(self, info: Info, input: RecordCertificationInput) -> RecordCertificationPayload:
        out = await service.record_certification(
            info.context.scope, member_global_id=str(input.member_id),
            certification_global_id=str(input.certification_id), earned_at=input.earned_at,
            credential_id=input.credential_id)
        return RecordCertificationPayload(credential=Credential.from_row(out.value) if out.value else None,
                                          user_errors=_user_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Complete a certification maintenance module: every credential of yours it maintains whose oldest due "
        "release is the module's moves to that release; the module's units are completed and award their points "
        "once. Calling it again changes nothing."))
    async def complete_maintenance(self, info: Info, input: CompleteMaintenanceInput) -> CompleteMaintenancePayload:
        out = await service.complete_maintenance(info.context.scope, module_global_id=str(input.module_id))
        result = out.value
        if result is None:
            return CompleteMaintenancePayload(maintained=[], already_current=[], not_maintainable=[], points_awarded=0,
                                              module=None, user_errors=_user_errors(out.user_errors))
        return CompleteMaintenancePayload(
            maintained=[Credential.from_row(r) for r in result.maintained],
            already_current=[Credential.from_row(r) for r in result.already_current],
            not_maintainable=[NotMaintainableCredential(credential=Credential.from_row(r),
                                                        reason=MaintenanceRefusal(reason))
                              for r, reason in result.not_maintainable],
            points_awarded=result.points_awarded,
            module=Module.from_row(await catalog(info.context.scope).module_by_id.load(result.module["id"]))
            if result.module else None,
            user_errors=[])


@strawberry.type
class CredentialMemberFields:
    @strawberry.field(description=(
        "Their credentials, newest first, in every status (or only `status`): visible to whoever may see the "
        "profile."))
    async def credentials(self, info: Info, status: CredentialStatus | None = None, first: int | None = None,
                          after: str | None = None, last: int | None = None,
                          before: str | None = None) -> Connection[Credential]:
        fetched = await service.member_credentials(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                   status=status.value if status else None,
                                                   win=window(first, after, last, before))
        return Connection.of(fetched, Credential.from_row)

    @strawberry.field(description="Their certifications in good standing (ACTIVE or MAINTENANCE_DUE), newest first.")
    async def active_certifications(self, info: Info) -> list[Credential]:
        rows = await service.active_certifications(info.context.scope, member_id=self.row["id"])  # type: ignore[attr-defined]
        return [Credential.from_row(r) for r in rows]

    @strawberry.field(description=(
        "What you still lack to be ready for a certification, in order, with minutes, fees and the maintenance it "
        "will need (see CertificationPath). Null for an unknown certification. Viewer only."))
    async def path_to(self, info: Info, certification_id: strawberry.ID) -> CertificationPath | None:
        found = await paths.path_to(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                    certification_global_id=str(certification_id))
        return CertificationPath.of(found) if found is not None else None


ENTITIES: list[type] = [Credential]
