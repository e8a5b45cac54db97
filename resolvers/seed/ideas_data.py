"""Texts and reference data of the generated IdeaExchange: product areas (topic slugs of the
taxonomy) with their weight and the features members ask about, title and description templates,
comments, and what product managers write when they move an idea on.
"""

from __future__ import annotations

# Product areas: (topic slug, weight, features). The weight is the area's share of ideas.
PRODUCT_AREAS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("sales-cloud", 12, ("opportunity splits", "forecasts", "lead conversion", "account teams", "opportunity products",
                         "sales paths", "the activity timeline", "pipeline inspection", "quotes", "territories",
                         "contact roles", "Kanban views", "duplicate rules", "email templates")),
    ("service-cloud", 10, ("case assignment rules", "omni-channel routing", "entitlements", "milestones",
                           "the service console", "knowledge articles", "email-to-case", "macros", "case teams",
                           "web-to-case", "escalation rules", "case merge", "quick text", "service reports")),
    ("flow-automation", 10, ("record-triggered flows", "screen flows", "flow debug logs", "scheduled paths",
                             "flow versions", "subflows", "flow error emails", "collection filters", "flow tests",
                             "approval processes", "flow templates", "loop elements", "decision outcomes",
                             "the Flow Builder canvas")),
    ("ai-agents", 7, ("agent topics", "agent actions", "agent conversation logs", "agent testing", "prompt templates",
                      "the agent builder", "guardrails", "agent handoff to humans", "agent analytics",
                      "grounding on knowledge", "agent channels", "the trust layer")),
    ("data-cloud", 6, ("data streams", "identity resolution", "calculated insights", "segments", "activations",
                       "data model objects", "zero-copy connectors", "data spaces", "unified profiles",
                       "ingestion API", "data graphs")),
    ("marketing-cloud", 6, ("journeys", "email sends", "content blocks", "subscriber lists", "send classifications",
                            "engagement splits", "preference centers", "A/B tests", "automation studio",
                            "SMS keywords", "dynamic content")),
    ("apex-development", 6, ("Apex triggers", "governor limits", "debug logs", "test classes", "batch Apex",
                             "Apex exceptions", "custom metadata in Apex", "Apex REST services", "queueable jobs",
                             "Apex code coverage", "platform events in Apex")),
    ("generative-ai", 5, ("prompt builder", "generated emails", "record summaries", "AI field generation",
                          "model choice", "generated knowledge articles", "AI audit trails", "toxicity scoring")),
    ("experience-cloud", 5, ("site builder", "guest user access", "community search", "site templates",
                             "member profiles", "discussion threads", "site navigation", "CMS content")),
    ("lwc-development", 5, ("Lightning web components", "the lightning datatable", "component events",
                            "wire adapters", "Lightning message service", "component testing", "custom lookups",
                            "record pickers")),
    ("analytics", 5, ("report types", "dashboards", "joined reports", "report subscriptions", "dashboard filters",
                      "summary formulas", "report charts", "row-level formulas", "historical trending")),
    ("security-privacy", 4, ("permission sets", "field-level security", "login history", "session settings",
                             "sharing rules", "multi-factor authentication", "field audit trail", "data masking",
                             "user access summaries")),
    ("devops", 4, ("change sets", "scratch orgs", "sandbox refreshes", "DevOps Center pipelines",
                   "deployment validation", "source tracking", "metadata rollbacks", "unlocked packages")),
    ("developer-tools", 4, ("the Salesforce CLI", "VS Code extensions", "the Developer Console", "code analyzer",
                            "API versions", "org shape", "log analysis")),
    ("slack", 4, ("Slack record previews", "Slack workflows", "Slack notifications", "Slack channel sync",
                  "Slack approvals", "Slack huddles from records")),
    ("tableau", 4, ("Tableau dashboards", "Tableau Pulse metrics", "Tableau extracts", "Tableau permissions",
                    "Tableau calculated fields", "Tableau subscriptions")),
    ("data-management", 4, ("data import wizard", "Data Loader", "duplicate management", "mass transfer",
                            "record types", "picklist values", "data storage usage", "field history")),
    ("mulesoft", 3, ("API specifications", "Anypoint monitoring", "DataWeave scripts", "API policies",
                     "connector retries", "flow error handling")),
    ("field-service", 3, ("service appointments", "work orders", "dispatcher console", "scheduling policies",
                          "the field service mobile app", "inventory tracking")),
    ("cpq-billing", 3, ("product bundles", "price rules", "quote templates", "discount schedules", "invoices",
                        "amendments and renewals")),
    ("integration", 3, ("named credentials", "external services", "outbound messages", "platform events",
                        "change data capture", "Bulk API jobs")),
    ("mobile", 3, ("the Salesforce mobile app", "offline mode", "mobile navigation", "barcode scanning",
                   "mobile notifications", "mobile quick actions")),
    ("commerce-cloud", 3, ("product catalogs", "checkout flows", "promotions", "storefront search",
                           "order management", "B2B buyer groups")),
    ("appexchange", 2, ("AppExchange listings", "package installs", "trial orgs", "app reviews",
                        "managed package upgrades")),
    ("accessibility", 2, ("screen reader support", "keyboard navigation", "color contrast themes",
                          "focus order in forms", "accessible charts")),
)

TITLES: tuple[str, ...] = (
    "Bulk edit {feature} from list views",
    "Allow {feature} to use custom fields",
    "Add an API for {feature}",
    "Report on the history of {feature}",
    "Let admins clone {feature}",
    "Show {feature} in the mobile app",
    "Make {feature} available in Flow",
    "Audit trail for changes to {feature}",
    "Translate the labels of {feature}",
    "Raise the limits on {feature}",
    "Export {feature} to CSV",
    "Sort and filter {feature} by any field",
    "Undo for changes to {feature}",
    "Search inside {feature}",
    "Field-level defaults for {feature}",
    "Notify owners when {feature} change",
    "Dark mode support for {feature}",
    "Better error messages for {feature}",
    "Deploy {feature} with change sets",
    "Permission to view {feature} without edit access",
    "Schedule updates to {feature}",
    "Compare two versions of {feature}",
    "Use formulas in {feature}",
    "Archive old {feature} automatically",
)

DESCRIPTIONS: tuple[str, ...] = (
    "Today we maintain {feature} one record at a time, which takes our team {hours} hours every week. "
    "It would help a lot if {feature} worked like the rest of the platform here.",
    "Our {team} runs into this every release: {feature} cannot do this out of the box, so we keep a custom "
    "workaround alive. A native option would remove a lot of technical debt.",
    "We have {users} users and {feature} is the part they complain about most. This small change would "
    "save clicks for everyone and make adoption easier.",
    "Customers keep asking for this in our {team}. Other tools in the stack already do it, and without it "
    "{feature} feel incomplete.",
    "When we roll out changes to {feature} we have no way to do this, so we end up exporting data and "
    "fixing things by hand. Please make it part of the product.",
    "This would let admins manage {feature} without code. Right now we need a developer for something "
    "that should be a setting.",
)
TEAMS: tuple[str, ...] = ("admin team", "support org", "sales operations team", "center of excellence",
                          "consulting practice", "nonprofit", "development team")

COMMENTS: tuple[str, ...] = (
    "+1, we need this for our {team}.",
    "Upvoted. This would save us hours every week.",
    "Any update on this? It keeps coming up with our users.",
    "Our workaround is a scheduled flow, but it is fragile. A native option would be much better.",
    "This is the number one request from our end users.",
    "Agreed. We built a custom component for this and would love to retire it.",
    "Same here, we have {users} users waiting for this.",
    "Please consider making this available in sandboxes first so we can test it.",
    "It would be great if this also worked with permission sets.",
    "We ran into this during our last release too.",
    "Voted! Would also need an API for it.",
    "Thanks for picking this up, looking forward to the pilot.",
)
AUTHOR_REPLIES: tuple[str, ...] = (
    "Thanks everyone for the votes, keep them coming!",
    "Good point, I added the API part to the description.",
    "For now we use a report and a scheduled export, but it is not ideal.",
)

# What a product manager writes with each move; {release} is the expected release's name.
PM_COMMENTS: dict[str, tuple[str, ...]] = {
    "SHORTLISTED": ("Shortlisted for the next prioritisation round. Thanks for all the votes!",
                    "We are considering this for {release}; it is on the shortlist.",
                    "This is on our shortlist; we are scoping it with the team."),
    "IN_DEVELOPMENT": ("Good news: this is in development and targeted for {release}.",
                       "Our team has started building this, planned for {release} (forward-looking).",
                       "In development now. Watch this idea for the pilot announcement."),
    "IN_TESTING": ("This is in testing in pre-release orgs ahead of {release}.",
                   "Pilot customers are testing this now; general availability is planned for {release}.",
                   "Now in testing. Thanks to everyone who joined the feedback sessions."),
    "RELEASED": ("Delivered in {release}! See the release notes for details.",
                 "Released in {release}. Thank you for shaping this feature.",
                 "This shipped in {release}; we will keep improving it based on your feedback."),
    "NOT_PLANNED": ("Thanks for the idea. It does not fit our roadmap for now, so we are closing it.",
                    "We looked at this closely and decided not to build it; the existing features cover most cases.",
                    "Not planned: this conflicts with how the platform handles security. Thanks for the feedback."),
    "MERGED": ("Merged into an existing idea asking for the same thing; the votes moved there.",
               "Duplicate of an older idea: merged, so all votes count in one place."),
}
ROUND_SHORTLIST_COMMENT = "Shortlisted for the prioritisation round \"{round}\": spend your coins on it!"
ROUND_WINNER_COMMENT = "Selected in \"{round}\": the community's coins put it on the roadmap for {release}."
ROUND_NAME = "{area} priorities, {month} {year}"

