"""Learning reference data kept as data: the rank ladder (graph/MODEL.md, `Rank`), the
certifications, and the words the seed generator builds its catalog from.

The seed generator and the test factories both write the ladder, so the ladder the API ranks
members against is the real one everywhere. The certification table follows the real program's
shape (DOMAIN.md): six roles plus associates, professional exams at $200, associates at $75,
architect and expert exams at $400; associates need no maintenance; every ADVANCED one requires
a PROFESSIONAL one, every EXPERT one ADVANCED ones.
"""

from __future__ import annotations

from typing import NamedTuple


class RankStep(NamedTuple):
    """One rung of the ladder; fields are named like the `Rank` node's properties."""

    name: str
    position: int
    minBadges: int
    minPoints: int


# The real ladder: a member holds the highest rank whose badge AND point thresholds they both reach.
RANK_LADDER: tuple[RankStep, ...] = (
    RankStep("Scout", 1, 0, 0),
    RankStep("Hiker", 2, 5, 6_000),
    RankStep("Explorer", 3, 10, 13_000),
    RankStep("Adventurer", 4, 25, 24_000),
    RankStep("Mountaineer", 5, 50, 35_000),
    RankStep("Expeditioner", 6, 75, 50_000),
    RankStep("Ranger", 7, 100, 50_000),
    RankStep("Double Star Ranger", 8, 200, 100_000),
    RankStep("Triple Star Ranger", 9, 300, 150_000),
    RankStep("Four Star Ranger", 10, 400, 200_000),
    RankStep("Five Star Ranger", 11, 500, 250_000),
    RankStep("All Star Ranger", 12, 600, 300_000),
)


def rank_for(points: int, badges: int) -> RankStep:
    """The highest rung whose thresholds `points` and `badges` both reach."""
    return max((step for step in RANK_LADDER if step.minPoints <= points and step.minBadges <= badges),
               key=lambda step: step.position)


ROLES = ("ADMINISTRATOR", "ARCHITECT", "DEVELOPER", "MARKETER", "CONSULTANT", "DESIGNER")
LEVELS = ("BEGINNER", "INTERMEDIATE", "ADVANCED")
ROLE_NOUNS = {"ADMINISTRATOR": "Admins", "ARCHITECT": "Architects", "DEVELOPER": "Developers",
              "MARKETER": "Marketers", "CONSULTANT": "Consultants", "DESIGNER": "Designers"}
ROLE_TITLES = {"ADMINISTRATOR": "Administrator", "ARCHITECT": "Architect", "DEVELOPER": "Developer",
               "MARKETER": "Marketer", "CONSULTANT": "Consultant", "DESIGNER": "Designer"}
# The role a member of each persona (taxonomy.PERSONAS) learns and certifies for.
PERSONA_ROLES = {"admin": "ADMINISTRATOR", "developer": "DEVELOPER", "architect": "ARCHITECT",
                 "consultant": "CONSULTANT", "marketer": "MARKETER", "designer": "DESIGNER",
                 "analyst": "CONSULTANT", "ai": "DEVELOPER", "learner": "ADMINISTRATOR"}
# Skill category (taxonomy.SKILLS) -> the roles whose modules teach it, the first being the main one.
CATEGORY_ROLES: dict[str, tuple[str, ...]] = {
    "admin": ("ADMINISTRATOR", "CONSULTANT"),
    "developer": ("DEVELOPER",),
    "architect": ("ARCHITECT", "DEVELOPER"),
    "integration": ("DEVELOPER", "ARCHITECT"),
    "data": ("ARCHITECT", "CONSULTANT", "ADMINISTRATOR"),
    "analytics": ("CONSULTANT", "ADMINISTRATOR"),
    "ai": ("DEVELOPER", "ADMINISTRATOR"),
    "marketing": ("MARKETER",),
    "security": ("ADMINISTRATOR", "ARCHITECT"),
    "consulting": ("CONSULTANT", "ADMINISTRATOR"),
    "design": ("DESIGNER", "DEVELOPER"),
}
# How much of the catalog each skill category gets (modules are drawn by category, then skill).
CATEGORY_WEIGHTS = {"admin": 16, "developer": 18, "architect": 8, "integration": 7, "data": 7, "analytics": 6,
                    "ai": 9, "marketing": 10, "security": 5, "consulting": 10, "design": 6}


class CertificationSpec(NamedTuple):
    """One certification: title, role, level, exam fee, prerequisite titles, attested skill slugs."""

    title: str
    role: str
    level: str
    fee: int
    requires: tuple[str, ...]
    attests: tuple[str, ...]


_A, _P, _ADV, _X = "ASSOCIATE", "PROFESSIONAL", "ADVANCED", "EXPERT"
CERTIFICATIONS: tuple[CertificationSpec, ...] = (
    # Administrator
    CertificationSpec("Certified Platform Foundations Associate", "ADMINISTRATOR", _A, 75, (),
                      ("user-management", "reports-dashboards", "data-import")),
    CertificationSpec("Certified AI Associate", "ADMINISTRATOR", _A, 75, (),
                      ("einstein-ai", "generative-ai", "prompt-engineering")),
    CertificationSpec("Certified Platform Administrator", "ADMINISTRATOR", _P, 200, (),
                      ("user-management", "permission-sets", "validation-rules", "reports-dashboards", "flow-builder")),
    CertificationSpec("Certified Platform Administrator II", "ADMINISTRATOR", _ADV, 200,
                      ("Certified Platform Administrator",),
                      ("flow-builder", "process-automation", "approval-processes", "sharing-visibility")),
    CertificationSpec("Certified Platform App Builder", "ADMINISTRATOR", _P, 200, (),
                      ("lightning-app-builder", "data-modeling", "flow-builder", "validation-rules")),
    CertificationSpec("Certified CPQ Administrator", "ADMINISTRATOR", _P, 200, (), ("cpq", "approval-processes")),
    CertificationSpec("Certified Data Cloud Administrator", "ADMINISTRATOR", _P, 200, (),
                      ("data-cloud", "data-quality", "customer-segmentation")),
    CertificationSpec("Certified Security Administrator", "ADMINISTRATOR", _ADV, 200,
                      ("Certified Platform Administrator",),
                      ("shield-encryption", "single-sign-on", "permission-sets", "privacy-compliance")),
    # Developer
    CertificationSpec("Certified MuleSoft Associate", "DEVELOPER", _A, 75, (),
                      ("mulesoft", "integration-patterns", "rest-api")),
    CertificationSpec("Certified Platform Developer", "DEVELOPER", _P, 200, (),
                      ("apex", "soql", "lightning-web-components", "apex-testing")),
    CertificationSpec("Certified Platform Developer II", "DEVELOPER", _ADV, 200, ("Certified Platform Developer",),
                      ("apex", "apex-testing", "platform-events", "sosl")),
    CertificationSpec("Certified JavaScript Developer", "DEVELOPER", _P, 200, (),
                      ("javascript", "lightning-web-components", "typescript")),
    CertificationSpec("Certified MuleSoft Developer", "DEVELOPER", _P, 200, (),
                      ("mulesoft", "rest-api", "etl-middleware")),
    CertificationSpec("Certified MuleSoft Developer II", "DEVELOPER", _ADV, 200, ("Certified MuleSoft Developer",),
                      ("mulesoft", "integration-patterns", "etl-middleware")),
    CertificationSpec("Certified Commerce Developer", "DEVELOPER", _P, 200, (),
                      ("javascript", "rest-api", "customer-segmentation")),
    CertificationSpec("Certified Agentforce Specialist", "DEVELOPER", _P, 200, (),
                      ("agentforce", "prompt-engineering", "generative-ai")),
    CertificationSpec("Certified Mobile Developer", "DEVELOPER", _P, 200, (), ("mobile-sdk", "javascript")),
    CertificationSpec("Certified Heroku Developer", "DEVELOPER", _P, 200, (), ("heroku", "typescript", "rest-api")),
    # Architect
    CertificationSpec("Certified Data Architect", "ARCHITECT", _ADV, 400, ("Certified Platform App Builder",),
                      ("data-modeling", "large-data-volumes", "master-data-management", "data-quality")),
    CertificationSpec("Certified Sharing and Visibility Architect", "ARCHITECT", _ADV, 400,
                      ("Certified Platform Administrator",),
                      ("sharing-visibility", "permission-sets", "identity-access-management")),
    CertificationSpec("Certified Identity and Access Management Architect", "ARCHITECT", _ADV, 400,
                      ("Certified Platform Administrator",), ("identity-access-management", "single-sign-on")),
    CertificationSpec("Certified Integration Architect", "ARCHITECT", _ADV, 400, ("Certified Platform Developer",),
                      ("integration-patterns", "rest-api", "soap-api", "bulk-api", "change-data-capture")),
    CertificationSpec("Certified Development Lifecycle and Deployment Architect", "ARCHITECT", _ADV, 400,
                      ("Certified Platform Developer",), ("devops-release-management", "apex-testing")),
    CertificationSpec("Certified Heroku Architect", "ARCHITECT", _ADV, 400, ("Certified Heroku Developer",),
                      ("heroku", "solution-architecture")),
    CertificationSpec("Certified Application Architect", "ARCHITECT", _X, 400,
                      ("Certified Data Architect", "Certified Sharing and Visibility Architect"),
                      ("solution-architecture", "data-modeling", "sharing-visibility")),
    CertificationSpec("Certified System Architect", "ARCHITECT", _X, 400,
                      ("Certified Identity and Access Management Architect", "Certified Integration Architect",
                       "Certified Development Lifecycle and Deployment Architect"),
                      ("solution-architecture", "integration-patterns", "identity-access-management",
                       "devops-release-management")),
    CertificationSpec("Certified Technical Architect", "ARCHITECT", _X, 400,
                      ("Certified Application Architect", "Certified System Architect"),
                      ("solution-architecture", "large-data-volumes", "integration-patterns", "sharing-visibility")),
    # Marketer
    CertificationSpec("Certified Marketing Associate", "MARKETER", _A, 75, (),
                      ("marketing-automation", "email-marketing", "customer-segmentation")),
    CertificationSpec("Certified Marketing Cloud Email Specialist", "MARKETER", _P, 200, (),
                      ("email-marketing", "marketing-cloud", "journey-builder")),
    CertificationSpec("Certified Marketing Cloud Administrator", "MARKETER", _P, 200, (),
                      ("marketing-cloud", "customer-segmentation", "journey-builder")),
    CertificationSpec("Certified Marketing Cloud Developer", "MARKETER", _P, 200, (),
                      ("ampscript", "marketing-cloud", "sql", "rest-api")),
    CertificationSpec("Certified Account Engagement Specialist", "MARKETER", _P, 200, (),
                      ("account-engagement", "marketing-automation", "email-marketing")),
    CertificationSpec("Certified Marketing Cloud Consultant", "MARKETER", _ADV, 200,
                      ("Certified Marketing Cloud Email Specialist",),
                      ("marketing-cloud", "journey-builder", "customer-segmentation", "ampscript")),
    CertificationSpec("Certified Account Engagement Consultant", "MARKETER", _ADV, 200,
                      ("Certified Account Engagement Specialist",),
                      ("account-engagement", "marketing-automation", "reports-dashboards")),
    # Consultant
    CertificationSpec("Certified Sales Cloud Consultant", "CONSULTANT", _P, 200, ("Certified Platform Administrator",),
                      ("sales-cloud-configuration", "cpq", "reports-dashboards", "business-analysis")),
    CertificationSpec("Certified Service Cloud Consultant", "CONSULTANT", _P, 200,
                      ("Certified Platform Administrator",),
                      ("service-cloud-configuration", "flow-builder", "einstein-ai")),
    CertificationSpec("Certified Experience Cloud Consultant", "CONSULTANT", _P, 200, (),
                      ("experience-cloud-sites", "sharing-visibility", "lightning-design-system")),
    CertificationSpec("Certified Field Service Consultant", "CONSULTANT", _P, 200, (),
                      ("field-service", "service-cloud-configuration", "mobile-sdk")),
    CertificationSpec("Certified Data Cloud Consultant", "CONSULTANT", _P, 200, (),
                      ("data-cloud", "customer-segmentation", "data-modeling", "master-data-management")),
    CertificationSpec("Certified Business Analyst", "CONSULTANT", _P, 200, (),
                      ("business-analysis", "requirements-gathering", "change-management")),
    CertificationSpec("Certified CRM Analytics and Einstein Discovery Consultant", "CONSULTANT", _P, 200, (),
                      ("crm-analytics", "data-visualization", "machine-learning")),
    CertificationSpec("Certified Tableau Consultant", "CONSULTANT", _P, 200, (),
                      ("tableau", "data-visualization", "sql")),
    CertificationSpec("Certified Nonprofit Cloud Consultant", "CONSULTANT", _P, 200, (),
                      ("business-analysis", "data-import", "reports-dashboards")),
    CertificationSpec("Certified Implementation Strategy Consultant", "CONSULTANT", _ADV, 200,
                      ("Certified Business Analyst",),
                      ("project-management", "agile-scrum", "change-management", "requirements-gathering")),
    # Designer
    CertificationSpec("Certified Design Foundations Associate", "DESIGNER", _A, 75, (), ("ux-design", "user-research")),
    CertificationSpec("Certified User Experience Designer", "DESIGNER", _P, 200, (),
                      ("ux-design", "ui-design", "lightning-design-system", "accessibility-design")),
    CertificationSpec("Certified Strategy Designer", "DESIGNER", _P, 200, (),
                      ("user-research", "business-analysis", "ux-design")),
    CertificationSpec("Certified Accessibility Designer", "DESIGNER", _P, 200, (),
                      ("accessibility-design", "ui-design")),
    CertificationSpec("Certified User Experience Designer II", "DESIGNER", _ADV, 200,
                      ("Certified User Experience Designer",), ("ux-design", "user-research", "ui-design")),
)

# What modules about a skill cover (title-case noun phrases: "Get Started with {subject}").
SKILL_SUBJECTS: dict[str, tuple[str, ...]] = {
    "user-management": ("Users and Profiles", "Login Access Policies", "User Onboarding", "Password Policies",
                        "Delegated Administration"),
    "permission-sets": ("Permission Sets", "Permission Set Groups", "Profiles and Permissions", "Muting Permissions",
                        "Field-Level Security"),
    "flow-builder": ("Record-Triggered Flows", "Screen Flows", "Scheduled Flows", "Flow Fault Paths", "Subflows",
                     "Flow Debugging"),
    "process-automation": ("Business Process Automation", "Workflow Migration to Flow", "Assignment Rules",
                           "Escalation Rules", "Auto-Response Rules"),
    "reports-dashboards": ("Reports and Dashboards", "Joined Reports", "Report Formulas", "Dashboard Filters",
                           "Reporting Snapshots", "Custom Report Types"),
    "lightning-app-builder": ("Lightning App Builder", "Dynamic Forms", "Lightning Pages", "Dynamic Actions",
                              "Custom Apps"),
    "validation-rules": ("Validation Rules", "Formula Fields", "Roll-Up Summary Fields", "Data Validation"),
    "approval-processes": ("Approval Processes", "Multi-Step Approvals", "Approval Automation"),
    "data-import": ("Data Import Wizard", "Data Loader", "Duplicate Management", "Data Cleanup", "Data Export"),
    "apex": ("Apex Triggers", "Apex Classes", "Batch Apex", "Queueable Apex", "Asynchronous Apex", "Apex Callouts",
             "Governor Limits"),
    "lightning-web-components": ("Lightning Web Components", "LWC Wire Adapters", "Component Events",
                                 "Lightning Data Service", "LWC Testing with Jest"),
    "aura-components": ("Aura Components", "Aura Events", "Aura to LWC Migration"),
    "soql": ("SOQL Queries", "Relationship Queries", "Aggregate SOQL", "Selective Queries"),
    "sosl": ("SOSL Search", "Global Search Tuning"),
    "visualforce": ("Visualforce Pages", "Visualforce Controllers", "Visualforce Migration"),
    "javascript": ("Modern JavaScript", "JavaScript Promises", "JavaScript Modules", "Asynchronous JavaScript"),
    "typescript": ("TypeScript Basics", "TypeScript Types", "Typed Component Development"),
    "apex-testing": ("Apex Unit Tests", "Test Data Factories", "Callout Mocks", "Code Coverage"),
    "platform-events": ("Platform Events", "Event-Driven Apps", "Pub/Sub API"),
    "heroku": ("Heroku Apps", "Heroku Postgres", "Heroku Connect", "Heroku Pipelines"),
    "mobile-sdk": ("Mobile SDK", "Offline Mobile Apps", "Mobile Push Notifications"),
    "data-modeling": ("Data Modeling", "Custom Objects and Fields", "Object Relationships", "Schema Design",
                      "External Objects"),
    "integration-patterns": ("Integration Patterns", "Remote Process Invocation", "Batch Data Synchronization",
                             "Fire-and-Forget Integrations"),
    "identity-access-management": ("Identity and Access Management", "OAuth Flows", "Connected Apps",
                                   "Identity Providers"),
    "sharing-visibility": ("Sharing Rules", "Record Access", "Role Hierarchies", "Organization-Wide Defaults",
                           "Restriction Rules"),
    "large-data-volumes": ("Large Data Volumes", "Skinny Tables", "Data Archiving", "Query Optimization"),
    "solution-architecture": ("Solution Architecture", "Org Strategy", "Architecture Decision Records",
                              "Well-Architected Design"),
    "devops-release-management": ("DevOps Center", "Release Management", "Scratch Orgs", "CI/CD Pipelines",
                                  "Source-Driven Development"),
    "rest-api": ("REST API", "Composite Requests", "Apex REST Services", "API Versioning"),
    "soap-api": ("SOAP API", "WSDL Integrations", "Outbound Messages"),
    "bulk-api": ("Bulk API", "Bulk Data Loads", "Bulk Job Monitoring"),
    "mulesoft": ("MuleSoft Anypoint Platform", "DataWeave", "API-Led Connectivity", "Mule Flows", "CloudHub"),
    "change-data-capture": ("Change Data Capture", "Change Event Streams", "Data Replication"),
    "etl-middleware": ("ETL Pipelines", "Middleware Integrations", "Data Transformation",
                       "Integration Error Handling"),
    "data-cloud": ("Data Cloud", "Data Streams", "Identity Resolution", "Calculated Insights", "Segment Activation"),
    "sql": ("SQL Queries", "SQL Joins", "Window Functions"),
    "python": ("Python for Data", "Python Notebooks", "Pandas Dataframes"),
    "data-quality": ("Data Quality", "Data Governance", "Duplicate Rules", "Data Stewardship"),
    "master-data-management": ("Master Data Management", "Golden Records", "Reference Data"),
    "tableau": ("Tableau Dashboards", "Tableau Calculations", "Level of Detail Expressions", "Tableau Prep",
                "Tableau Extracts"),
    "crm-analytics": ("CRM Analytics", "CRM Analytics Recipes", "CRM Analytics Dashboards", "SAQL"),
    "data-visualization": ("Data Visualization", "Chart Selection", "Visual Storytelling"),
    "einstein-ai": ("Einstein Prediction Builder", "Einstein Bots", "Einstein Lead Scoring", "Einstein Search"),
    "prompt-engineering": ("Prompt Templates", "Prompt Engineering", "Grounded Prompts"),
    "agentforce": ("Agentforce Agents", "Agent Topics and Actions", "Agent Testing", "Agent Handoffs"),
    "generative-ai": ("Generative AI", "The Einstein Trust Layer", "Retrieval Augmented Generation", "AI Ethics"),
    "machine-learning": ("Machine Learning", "Predictive Models", "Model Evaluation"),
    "marketing-automation": ("Marketing Automation", "Lead Nurturing", "Campaign Management"),
    "marketing-cloud": ("Marketing Cloud Engagement", "Data Extensions", "Contact Builder", "Content Builder"),
    "account-engagement": ("Account Engagement", "Engagement Studio", "Lead Scoring and Grading",
                           "Prospect Management"),
    "journey-builder": ("Journey Builder", "Journey Entry Sources", "Multichannel Journeys"),
    "email-marketing": ("Email Marketing", "Email Deliverability", "Email Templates", "A/B Testing"),
    "ampscript": ("AMPscript", "AMPscript Lookups", "Dynamic Content"),
    "customer-segmentation": ("Customer Segmentation", "Audience Building", "Personalization"),
    "shield-encryption": ("Shield Platform Encryption", "Encryption Key Management", "Field Audit Trail"),
    "single-sign-on": ("Single Sign-On", "SAML Configuration", "Multi-Factor Authentication"),
    "security-review": ("AppExchange Security Review", "Secure Coding", "Static Code Analysis"),
    "privacy-compliance": ("Privacy and Compliance", "Consent Management", "Data Retention Policies",
                           "GDPR Compliance"),
    "business-analysis": ("Business Analysis", "Process Mapping", "User Stories", "Stakeholder Interviews"),
    "requirements-gathering": ("Requirements Gathering", "Discovery Workshops", "Acceptance Criteria"),
    "change-management": ("Change Management", "User Adoption", "Training Plans"),
    "project-management": ("Project Management", "Implementation Planning", "Risk Management"),
    "agile-scrum": ("Agile and Scrum", "Sprint Planning", "Backlog Management"),
    "cpq": ("CPQ", "Product Bundles", "Price Rules", "Quote Templates"),
    "field-service": ("Field Service", "Scheduling Policies", "Work Orders", "Service Appointments"),
    "service-cloud-configuration": ("Service Cloud", "Omni-Channel Routing", "Case Management", "Knowledge Articles",
                                    "Entitlements and Milestones"),
    "sales-cloud-configuration": ("Sales Cloud", "Opportunity Management", "Forecasting", "Lead Management",
                                  "Territory Management"),
    "experience-cloud-sites": ("Experience Cloud Sites", "Partner Portals", "Customer Self-Service Sites",
                               "Guest User Access"),
    "ux-design": ("UX Design", "User Journeys", "Design Thinking"),
    "ui-design": ("UI Design", "Visual Design", "Layout and Typography"),
    "lightning-design-system": ("Lightning Design System", "Design Tokens", "SLDS Blueprints"),
    "user-research": ("User Research", "Usability Testing", "Personas"),
    "accessibility-design": ("Accessible Design", "Screen Reader Support", "Color Contrast", "Keyboard Navigation"),
}

MODULE_TITLES: dict[str, tuple[str, ...]] = {
    "BEGINNER": ("{s} Basics", "Get Started with {s}", "{s}: Quick Look", "Introduction to {s}",
                 "{s} Fundamentals"),
    "INTERMEDIATE": ("Work with {s}", "{s} in Practice", "Customize {s}", "Troubleshoot {s}", "{s} Best Practices",
                     "Go Further with {s}"),
    "ADVANCED": ("Advanced {s}", "{s} at Scale", "Master {s}", "{s} Design Patterns", "Optimize {s}"),
    "PROJECT": ("Quick Start: {s}", "{s} Project for a {biz}", "Hands-On with {s}", "Apply {s} at a {biz}"),
}
MODULE_DESCRIPTIONS: dict[str, str] = {
    "BEGINNER": "Learn the essentials of {s} and where {skill} fits in your org.",
    "INTERMEDIATE": "Put {s} to work: configure, test and troubleshoot with {skill}.",
    "ADVANCED": "Design {s} that hold up at scale, with the {skill} patterns experienced {roles} rely on.",
    "PROJECT": "Follow step-by-step instructions to apply {s} in a hands-on practice org.",
}
PROJECT_BUSINESSES = ("Bike Shop", "Travel Agency", "Nonprofit", "Hospital", "Credit Union", "Retail Chain",
                      "University", "Food Truck Fleet", "Solar Installer", "Recruiting Agency", "Car Dealership",
                      "Coffee Roaster")
UNIT_TITLES = {
    "first": ("Get to Know {s}", "Understand {s}", "Meet {s}"),
    "middle": ("Set Up {s}", "Configure {s}", "Explore {s}", "Plan Your {s} Rollout", "Use {s} Day to Day",
               "Customize {s}", "Monitor {s}", "Secure {s}"),
    "last": ("Put {s} to Work", "Review {s} Best Practices", "Troubleshoot {s}", "Next Steps with {s}"),
    "hands_on": ("Hands-On Challenge: {s}", "Practice {s} in a Playground"),
    "project": ("Create a Practice Org", "Set Up {s}", "Build the {s} Solution", "Test Your {s} Setup",
                "Roll Out {s}", "Share Your {s} Results"),
}
TRAIL_TITLES: dict[str, tuple[str, ...]] = {
    "BEGINNER": ("Get Started with {skill}", "{skill} Beginner", "Learn {skill} Essentials",
                 "{role} Beginner: {skill}"),
    "INTERMEDIATE": ("{skill} Intermediate", "Build Your {skill} Skills", "Level Up with {skill}",
                     "{role} Intermediate: {skill}"),
    "ADVANCED": ("{skill} Advanced", "Master {skill}", "Become a {skill} Expert", "{role} Advanced: {skill}"),
}
TRAIL_DESCRIPTION = "A {level} trail for {roles}: {count} modules and projects on {skill} and related skills."

# Monthly quest themes (one per month, cycling) and the three rank bands each month offers a quest to.
QUEST_THEMES = ("Automation Adventure", "Data Detective", "AI Explorer", "Security Sprint", "Integration Quest",
                "Analytics Challenge", "Developer Dash", "Marketing Marathon", "Design Discovery",
                "Service Superstar", "Admin Ascent", "Architect Expedition")
QUEST_BANDS = (("Trailhead Starters", "starters", 1, 3, "BEGINNER"),
               ("Trail Climbers", "climbers", 4, 6, "INTERMEDIATE"),
               ("Ranger Summit", "rangers", 7, 12, "ADVANCED"))
# Holiday limited editions: (title, month, day, window days), every year.
HOLIDAY_BADGES = (("New Year Learning Kickoff", 1, 1, 31), ("Earth Month", 4, 1, 30),
                  ("Summer of Learning", 7, 1, 62), ("Holiday Hustle", 12, 1, 31))
# Event badges, every year: (title, month, day): attended in person or online.
EVENT_BADGES = (("Community Hackathon", 3, 12), ("World Tour", 5, 20), ("Cloud Summit", 9, 16))
PLAN_TITLES = ("{year} Onboarding: {skill} Essentials", "{skill} Readiness", "{skill} Upskilling Sprint",
               "Q{quarter} Compliance: {skill}", "{skill} for Our {role}", "Get Certified: {skill}")
PRIZES = ("Cloud Summit full pass", "Certification exam voucher", "Community hoodie", "Trail backpack",
          "Plush mascot", "Insulated water bottle")
# Company name words -> industry (taxonomy.INDUSTRIES), checked in this order.
INDUSTRY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("K-12 Education", ("schools", "academy")),
    ("Higher Education", ("university", "college", "education", "learning")),
    ("Nonprofit", ("nonprofit", "charities", "foundation", "alliance")),
    ("Life Sciences", ("pharma", "pharmaceuticals", "biotech", "diagnostics", "pharmacy")),
    ("Healthcare", ("health", "medical", "care", "hospital", "nursing", "wellness")),
    ("Insurance", ("insurance", "mutual")),
    ("Financial Services", ("bank", "financial", "capital", "credit", "wealth", "payments", "cooperative")),
    ("Public Sector", ("government", "public", "council", "defense")),
    ("Energy & Utilities", ("energy", "solar", "utilities", "power", "water", "wind", "gas")),
    ("Travel & Hospitality", ("travel", "hotels", "resorts", "cruises", "airlines", "tours", "hospitality",
                              "aviation")),
    ("Automotive", ("automotive", "motors", "mobility")),
    ("Logistics", ("logistics", "freight", "shipping", "couriers", "trading", "marine")),
    ("Communications", ("telecom", "networks")),
    ("Media", ("media", "publishing", "studios", "music", "sports")),
    ("Real Estate", ("realty", "properties", "homes")),
    ("Retail", ("retail", "mall", "apparel", "fashion", "cosmetics", "beauty", "jewelry", "florals", "toys",
                "outfitters", "outdoors", "commerce", "home")),
    ("Consumer Goods", ("foods", "coffee", "dairy", "winery", "seafood", "goods", "grain", "farms", "roasters",
                        "agritech", "fitness")),
    ("Manufacturing", ("manufacturing", "industrial", "industries", "engineering", "construction", "furniture",
                       "semiconductors", "robotics", "dynamics", "mining", "aerospace", "works")),
    ("Professional Services", ("consulting", "partners", "advisory", "legal", "research", "architecture")),
    ("High Tech", ("software", "systems", "cloud", "apps", "digital", "data", "analytics", "labs", "cyber",
                   "security", "crm", "solutions", "design")),
)


__all__ = [
    "CATEGORY_ROLES",
    "CATEGORY_WEIGHTS",
    "CERTIFICATIONS",
    "EVENT_BADGES",
    "HOLIDAY_BADGES",
    "INDUSTRY_WORDS",
    "LEVELS",
    "MODULE_DESCRIPTIONS",
    "MODULE_TITLES",
    "PERSONA_ROLES",
    "PLAN_TITLES",
    "PRIZES",
    "PROJECT_BUSINESSES",
    "QUEST_BANDS",
    "QUEST_THEMES",
    "RANK_LADDER",
    "ROLES",
    "ROLE_NOUNS",
    "ROLE_TITLES",
    "SKILL_SUBJECTS",
    "TRAIL_DESCRIPTION",
    "TRAIL_TITLES",
    "UNIT_TITLES",
    "CertificationSpec",
    "RankStep",
    "rank_for",
]
