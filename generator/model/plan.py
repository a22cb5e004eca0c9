"""portfolios/<person-id>/plan.yml: the learner's plan for the next period, agreed with the manager."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.model.base import Strict
from generator.model.types import IsoDate, MilestoneRef, Slug

CheckInCadence = Literal["weekly", "fortnightly", "monthly", "quarterly"]


class PlannedMilestone(Strict):
    milestone: MilestoneRef = Field(description="The milestone as track-id/milestone-id, of the person's track.")
    due: IsoDate | None = Field(None, description="When the learner means to have it met, YYYY-MM-DD "
                                                  "(default: the plan's end).")
    note: str = Field("", description="Why this milestone now, or how (plain text).")


class PlannedCompetency(Strict):
    competency: Slug = Field(description="Id of a competency of the person's track to grow in this period.")
    due: IsoDate | None = Field(None, description="When to show evidence of it, YYYY-MM-DD (default: the plan's end).")
    note: str = Field("", description="What to practise, or how (plain text).")


class CheckIn(Strict):
    cadence: CheckInCadence = Field(description="How often: weekly, fortnightly, monthly or quarterly.")
    first: IsoDate = Field(description="The date of the first check-in, YYYY-MM-DD; later ones follow the cadence "
                                       "until the plan ends.")
    with_: Slug | None = Field(None, alias="with", description="Person id of who the check-in is with "
                                                              "(default: the manager).")
    title: str = Field("", description="What the check-in is called in calendars (default: 'Check-in').")


class Review(Strict):
    date: IsoDate = Field(description="The review date, YYYY-MM-DD.")
    title: str = Field("", description="What the review is, like 'Mid-period review' (default: 'Plan review').")


class Plan(Strict):
    starts: IsoDate = Field(description="First day of the plan's period, YYYY-MM-DD.")
    ends: IsoDate = Field(description="Last day of the plan's period, YYYY-MM-DD.")
    agreed_with: Slug | None = Field(None, description="Person id of who agreed the plan (usually the manager).")
    milestones: list[PlannedMilestone] = Field(default_factory=list,
                                               description="Milestones chosen for this period, most important first.")
    competencies: list[PlannedCompetency] = Field(default_factory=list,
                                                  description="Competencies chosen for this period.")
    check_ins: list[CheckIn] = Field(default_factory=list,
                                     description="Recurring check-ins agreed with the manager or mentor.")
    reviews: list[Review] = Field(default_factory=list, description="Review dates of the plan.")

