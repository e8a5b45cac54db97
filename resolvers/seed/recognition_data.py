"""Texts of the generated MVP program and customer hero stories: a nominator's case on each criterion,
reviewers' comments, evidence links, and hero titles and stories."""

from __future__ import annotations

# For a nominee with three or more answers, one of them accepted.
EXPERTISE_RECORD = "{name} has answered {answers} here, {accepted} of them accepted, mostly about {topic}."
EXPERTISE: tuple[str, ...] = (
    "Whenever a hard {topic} question comes up, {name} is the one with a clear, tested answer.",
    "Deep knowledge of {topic}: {name}'s answers are the ones people bookmark and link to.",
    "{name} knows {topic} inside out and explains it so that beginners get it too.",
)
GENEROSITY: tuple[str, ...] = (
    "Answers newcomers' questions every week, patiently and without ever making anyone feel small.",
    "Gives hours of time to mentoring: I learned most of what I know from {name}'s answers.",
    "Always shares templates, code and lessons learned instead of keeping them to themselves.",
    "Reviews other members' solutions and follows up until the problem is really solved.",
)
LEADERSHIP: tuple[str, ...] = (
    "Leads {group}, which meets regularly and keeps growing.",
    "Organised {talks} and brings new speakers on stage.",
    "Keeps the local community going: meetups, study groups and a friendly welcome for everyone.",
    "Co-leads study groups for certification candidates and helps others start their own.",
)
ADVOCACY: tuple[str, ...] = (
    "Spoke at {talks} and shares product feedback on the IdeaExchange.",
    "Writes a blog and posts walkthroughs that many of us use to learn the platform.",
    "Represents the community at conferences and brings our feedback back to product teams.",
    "Encourages colleagues and customers to join the community and get certified.",
)
LINKS: tuple[str, ...] = (
    "https://{handle}.dev/blog",
    "https://www.youtube.com/@{handle}",
    "https://github.com/{handle}",
    "https://medium.com/@{handle}",
)
REVIEW_COMMENTS: tuple[str, ...] = (
    "Strong, consistent contributions over the year.",
    "Great answers; I would like to see more community leadership.",
    "Exactly the kind of member the program is for.",
    "Good case, but the evidence is thin outside of answers.",
    "Impressive advocacy and speaking record.",
    None,
)

HERO_TITLES: tuple[str, ...] = (
    "How {company} cut onboarding time in half with {product}",
    "{company} unified its customer data with {product}",
    "Scaling service at {company}: {product} in action",
    "{company}'s journey to automation with {product}",
    "From spreadsheets to {product}: the {company} story",
    "How {name} helped {company} grow with {product}",
)
HERO_STORIES: tuple[str, ...] = (
    "{name} led a small team at {company} that replaced a patchwork of spreadsheets with {product}. "
    "Within a year, they automated their busiest processes and gave every team the same view of the customer.",
    "At {company}, {name} started as an accidental admin. Today {name} runs a center of excellence that "
    "ships improvements with {product} every sprint and coaches colleagues across the business.",
    "{company} needed to serve more customers without growing the team. {name} rolled out {product}, "
    "trained the users and measured the results: faster answers and happier customers.",
    "With {product}, {name} and the team at {company} turned a manual, error-prone process into a few "
    "clicks, and shared what they learned with the community along the way.",
)
