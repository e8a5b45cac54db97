"""Reference data the careers seed draws from: job titles, mixes, pay and currencies, texts.

Plain constants only, like taxonomy.py: resolvers/seed/careers.py and its parts decide how they
are combined (and say why the mixes are what they are). Pay figures are yearly, rough 2025
market levels: a US base per role at MID level, a multiplier per seniority, and per country the
local currency, its units per US dollar and how local pay compares with US pay.
"""

from __future__ import annotations

# The job roles postings are for (the certification roles of learning_catalog.ROLES), with the
# market's demand as weights, and the title stems each role is advertised under.
JOB_ROLES: tuple[tuple[str, int], ...] = (
    ("DEVELOPER", 30), ("ADMINISTRATOR", 28), ("CONSULTANT", 18), ("ARCHITECT", 10), ("MARKETER", 9),
    ("DESIGNER", 5),
)
ROLE_JOB_TITLES: dict[str, tuple[str, ...]] = {
    "ADMINISTRATOR": ("Salesforce Administrator", "Salesforce Admin", "CRM Administrator", "Platform Administrator",
                      "Business Systems Analyst", "Salesforce Release Manager"),
    "DEVELOPER": ("Salesforce Developer", "Apex Developer", "Platform Developer", "Lightning Web Components Developer",
                  "Salesforce Software Engineer", "Integration Developer", "MuleSoft Developer",
                  "Agentforce Developer"),
    "ARCHITECT": ("Salesforce Architect", "Solution Architect", "Technical Architect", "Data Architect",
                  "Integration Architect", "Enterprise Architect"),
    "CONSULTANT": ("Salesforce Consultant", "Functional Consultant", "Sales Cloud Consultant",
                   "Service Cloud Consultant", "Salesforce Business Analyst", "Implementation Consultant",
                   "Data Cloud Consultant"),
    "MARKETER": ("Marketing Cloud Specialist", "Salesforce Marketer", "Marketing Automation Manager",
                 "Account Engagement Specialist", "Marketing Cloud Developer", "Email Marketing Manager"),
    "DESIGNER": ("Salesforce UX Designer", "Product Designer", "UI Designer", "Experience Designer", "UX Researcher"),
}
# The persona (taxonomy.PERSONAS) whose skill mix a role's postings ask for.
ROLE_PERSONA = {"ADMINISTRATOR": "admin", "DEVELOPER": "developer", "ARCHITECT": "architect",
                "CONSULTANT": "consultant", "MARKETER": "marketer", "DESIGNER": "designer"}

SENIORITIES = ("ENTRY", "JUNIOR", "MID", "SENIOR", "LEAD", "PRINCIPAL")
SENIORITY_PREFIX = {"ENTRY": "Associate ", "JUNIOR": "Junior ", "MID": "", "SENIOR": "Senior ", "LEAD": "Lead ",
                    "PRINCIPAL": "Principal "}
# Postings by seniority: mid and senior people are what the market hires most; architects are
# never hired junior.
SENIORITY_MIX: tuple[tuple[str, int], ...] = (
    ("ENTRY", 8), ("JUNIOR", 15), ("MID", 32), ("SENIOR", 28), ("LEAD", 11), ("PRINCIPAL", 6))
ARCHITECT_SENIORITY_MIX: tuple[tuple[str, int], ...] = (("MID", 15), ("SENIOR", 45), ("LEAD", 25), ("PRINCIPAL", 15))
# A member's seniority, read from the prefix of their job title (taxonomy.SENIORITY).
TITLE_SENIORITY = (("Junior ", "JUNIOR"), ("Senior ", "SENIOR"), ("Lead ", "LEAD"), ("Principal ", "PRINCIPAL"))

EMPLOYMENT_MIX: tuple[tuple[str, int], ...] = (
    ("FULL_TIME", 78), ("CONTRACT", 13), ("PART_TIME", 4), ("INTERNSHIP", 3), ("TEMPORARY", 2))
WORKPLACE_MIX: tuple[tuple[str, int], ...] = (("ON_SITE", 45), ("HYBRID", 30), ("REMOTE", 25))
REMOTE_PREFERENCE_MIX: tuple[tuple[str, int], ...] = (("OPEN_TO_REMOTE", 55), ("ON_SITE_ONLY", 25), ("REMOTE_ONLY", 20))

# Yearly US pay at MID level, in dollars, and the multiplier of each seniority.
US_BASE_PAY = {"ADMINISTRATOR": 95_000, "DEVELOPER": 125_000, "ARCHITECT": 150_000, "CONSULTANT": 110_000,
               "MARKETER": 100_000, "DESIGNER": 110_000}
SENIORITY_PAY = {"ENTRY": 0.55, "JUNIOR": 0.7, "MID": 1.0, "SENIOR": 1.3, "LEAD": 1.5, "PRINCIPAL": 1.75}
EMPLOYMENT_PAY = {"FULL_TIME": 1.0, "CONTRACT": 1.15, "TEMPORARY": 0.9, "PART_TIME": 0.55, "INTERNSHIP": 0.45}

# Country -> (ISO 4217 currency, units per US dollar, local pay as a share of US pay), for every
# country of taxonomy.CITIES. Some countries quote tech pay in US dollars (they use it, or it is
# the norm there).
COUNTRY_PAY: dict[str, tuple[str, float, float]] = {
    "US": ("USD", 1.0, 1.0), "CA": ("CAD", 1.36, 0.72), "MX": ("MXN", 17.0, 0.25), "PR": ("USD", 1.0, 0.55),
    "PA": ("USD", 1.0, 0.28), "GT": ("GTQ", 7.8, 0.15), "SV": ("USD", 1.0, 0.15), "CR": ("CRC", 510.0, 0.25),
    "DO": ("DOP", 59.0, 0.15), "JM": ("JMD", 156.0, 0.15), "TT": ("TTD", 6.8, 0.22),
    "BR": ("BRL", 5.0, 0.22), "AR": ("ARS", 900.0, 0.15), "CO": ("COP", 3_900.0, 0.18), "CL": ("CLP", 950.0, 0.25),
    "PE": ("PEN", 3.75, 0.18), "UY": ("UYU", 39.0, 0.25), "EC": ("USD", 1.0, 0.18), "VE": ("USD", 1.0, 0.10),
    "BO": ("BOB", 6.9, 0.12), "PY": ("PYG", 7_500.0, 0.14),
    "GB": ("GBP", 0.79, 0.62), "IE": ("EUR", 0.92, 0.66), "DE": ("EUR", 0.92, 0.62), "FR": ("EUR", 0.92, 0.52),
    "ES": ("EUR", 0.92, 0.40), "IT": ("EUR", 0.92, 0.42), "NL": ("EUR", 0.92, 0.60), "BE": ("EUR", 0.92, 0.55),
    "PT": ("EUR", 0.92, 0.35), "AT": ("EUR", 0.92, 0.55), "FI": ("EUR", 0.92, 0.52), "GR": ("EUR", 0.92, 0.30),
    "EE": ("EUR", 0.92, 0.38), "LT": ("EUR", 0.92, 0.35), "LV": ("EUR", 0.92, 0.33), "SK": ("EUR", 0.92, 0.32),
    "SI": ("EUR", 0.92, 0.35), "HR": ("EUR", 0.92, 0.30), "LU": ("EUR", 0.92, 0.70), "MT": ("EUR", 0.92, 0.38),
    "CY": ("EUR", 0.92, 0.38), "CH": ("CHF", 0.88, 1.0), "SE": ("SEK", 10.5, 0.55), "NO": ("NOK", 10.7, 0.62),
    "DK": ("DKK", 6.9, 0.65), "IS": ("ISK", 138.0, 0.70), "PL": ("PLN", 4.0, 0.35), "CZ": ("CZK", 23.0, 0.35),
    "HU": ("HUF", 360.0, 0.28), "RO": ("RON", 4.6, 0.30), "BG": ("BGN", 1.8, 0.28), "RS": ("RSD", 108.0, 0.28),
    "BA": ("BAM", 1.8, 0.20), "MK": ("MKD", 57.0, 0.18), "AL": ("ALL", 93.0, 0.15), "MD": ("MDL", 17.7, 0.15),
    "UA": ("UAH", 40.0, 0.25), "TR": ("TRY", 32.0, 0.15), "GE": ("GEL", 2.7, 0.18), "AM": ("AMD", 390.0, 0.20),
    "AZ": ("AZN", 1.7, 0.15), "KZ": ("KZT", 450.0, 0.18), "UZ": ("UZS", 12_600.0, 0.10),
    "IL": ("ILS", 3.7, 0.70), "AE": ("AED", 3.67, 0.65), "SA": ("SAR", 3.75, 0.60), "QA": ("QAR", 3.64, 0.65),
    "KW": ("KWD", 0.31, 0.60), "BH": ("BHD", 0.377, 0.55), "OM": ("OMR", 0.385, 0.50), "JO": ("JOD", 0.71, 0.25),
    "LB": ("USD", 1.0, 0.18), "EG": ("EGP", 48.0, 0.06), "MA": ("MAD", 10.0, 0.12), "TN": ("TND", 3.1, 0.10),
    "DZ": ("DZD", 135.0, 0.08), "NG": ("NGN", 1_500.0, 0.08), "GH": ("GHS", 15.0, 0.08), "SN": ("XOF", 600.0, 0.08),
    "CI": ("XOF", 600.0, 0.08), "CM": ("XAF", 600.0, 0.07), "KE": ("KES", 130.0, 0.10), "ET": ("ETB", 57.0, 0.05),
    "RW": ("RWF", 1_290.0, 0.07), "UG": ("UGX", 3_800.0, 0.06), "TZ": ("TZS", 2_550.0, 0.06),
    "ZA": ("ZAR", 18.5, 0.28), "ZW": ("USD", 1.0, 0.08), "ZM": ("ZMW", 26.0, 0.07), "BW": ("BWP", 13.6, 0.12),
    "NA": ("NAD", 18.5, 0.15), "MZ": ("MZN", 64.0, 0.06), "AO": ("AOA", 830.0, 0.06), "MU": ("MUR", 45.0, 0.15),
    "IN": ("INR", 83.0, 0.16), "PK": ("PKR", 280.0, 0.07), "BD": ("BDT", 118.0, 0.07), "LK": ("LKR", 300.0, 0.08),
    "NP": ("NPR", 133.0, 0.06), "CN": ("CNY", 7.2, 0.35), "HK": ("HKD", 7.8, 0.65), "TW": ("TWD", 32.0, 0.35),
    "JP": ("JPY", 150.0, 0.50), "KR": ("KRW", 1_350.0, 0.45), "MN": ("MNT", 3_400.0, 0.10),
    "SG": ("SGD", 1.35, 0.70), "MY": ("MYR", 4.7, 0.22), "TH": ("THB", 36.0, 0.18), "VN": ("VND", 25_000.0, 0.12),
    "PH": ("PHP", 56.0, 0.12), "ID": ("IDR", 15_800.0, 0.12), "KH": ("USD", 1.0, 0.08), "MM": ("MMK", 2_100.0, 0.05),
    "AU": ("AUD", 1.52, 0.75), "NZ": ("NZD", 1.65, 0.62), "FJ": ("FJD", 2.25, 0.15),
}
# Remote postings open worldwide pay in US dollars, a little under US on-site pay.
WORLDWIDE_PAY = ("USD", 1.0, 0.85)

DUTIES: dict[str, tuple[str, ...]] = {
    "ADMINISTRATOR": ("own the configuration of our org, from users and permissions to flows",
                      "automate sales and service processes with Flow and approvals",
                      "keep our data clean and our reports and dashboards trusted",
                      "run releases and support a growing team of users"),
    "DEVELOPER": ("build Apex services and Lightning Web Components for our users",
                  "integrate the platform with our ERP and data warehouse",
                  "write well-tested code and review your colleagues' pull requests",
                  "bring AI agents and automation to our customer processes"),
    "ARCHITECT": ("design multi-cloud solutions and guide delivery teams",
                  "own our data model, sharing model and integration landscape",
                  "set technical standards and lead design reviews",
                  "plan large data volumes and release strategy for a global org"),
    "CONSULTANT": ("lead discovery workshops and turn requirements into solutions",
                   "configure Sales and Service Cloud for our clients",
                   "guide clients through change management and adoption",
                   "run implementation projects from kick-off to go-live"),
    "MARKETER": ("build customer journeys and campaigns in Marketing Cloud",
                 "segment our audiences and personalise every message",
                 "measure campaign performance and optimise engagement",
                 "connect marketing data with sales and service"),
    "DESIGNER": ("design accessible, consistent experiences with the Lightning Design System",
                 "research how our users work and turn it into better flows",
                 "prototype new pages and components with developers",
                 "own the design system of our customer portal"),
}
DESCRIPTIONS = (
    "{company} is hiring {article} {title} {where}. You will {duty}. You know {skills}.",
    "Join {company} as {article} {title} {where}: you will {duty} and {duty2}. Experience with {skills} matters.",
    "As {article} {title} at {company} you will {duty}. We are looking for someone who knows {skills}. "
    "{where_sentence}",
    "{company} is growing its Salesforce team. As our {title} you will {duty}. Must know {skills}.",
)
COVER_NOTES = (
    "I have worked with {skill} for several years and would love to bring that to {company}.",
    "I am certified and ready for the next step; this role matches what I want to do.",
    "I recently finished the trails on {skill} and built a project around it.",
    "Your team's work came up at a community meetup and I would like to be part of it.",
    "I am relocating and your posting fits my experience very well.",
    "I led a similar project at my current employer and can start soon.",
)
SAVED_SEARCH_NAMES = (
    "{skill} talent near {city}", "{skill} + {skill2}, {country}", "Certified {role} pipeline",
    "{role}s open to remote",
    "{skill} experts", "Senior {role}s in {country}",
)
OTHER_EMPLOYERS = ("Acme Cloud", "Globex Consulting", "Initech Systems", "Umbrella Health", "Stark Digital",
                   "Wayne Enterprises", "Hooli", "Vandelay Industries", "Soylent Foods", "Cyberdyne Partners")

__all__ = [
    "ARCHITECT_SENIORITY_MIX", "COUNTRY_PAY", "COVER_NOTES", "DESCRIPTIONS", "DUTIES", "EMPLOYMENT_MIX",
    "EMPLOYMENT_PAY", "JOB_ROLES", "OTHER_EMPLOYERS", "REMOTE_PREFERENCE_MIX", "ROLE_JOB_TITLES", "ROLE_PERSONA",
    "SAVED_SEARCH_NAMES", "SENIORITIES", "SENIORITY_MIX", "SENIORITY_PAY", "SENIORITY_PREFIX", "TITLE_SENIORITY",
    "US_BASE_PAY", "WORKPLACE_MIX", "WORLDWIDE_PAY",
]
