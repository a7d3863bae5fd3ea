"""What the demo network is made of: organisations, people and the topics its meetings discuss.

Every person is fictional; organisations are real bodies, named so the demo looks familiar, and
flagged is_demo so they can be removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.enums import AgendaItemKind, OrganisationKind, Priority
from ..domain.periods import MONTH_NAMES

SERIES_NAME = "National Anti-Trafficking and Modern Slavery Network"
ACTION_PREFIX = "NET"
QUORUM = 6

# Keys of the organisations that are not forces or PCC offices.
COMMISSIONER = "commissioner"
HOME_OFFICE = "home_office"
NCA = "nca"
PEC = "pec"
SALVATION_ARMY = "salvation_army"
UNSEEN = "unseen"
OTHER_ORGANISATIONS: tuple[tuple[str, str, OrganisationKind], ...] = (
    (COMMISSIONER, "Office of the Independent Anti-Slavery Commissioner",
     OrganisationKind.COMMISSIONER_OFFICE),
    (HOME_OFFICE, "Home Office", OrganisationKind.GOVERNMENT),
    (NCA, "National Crime Agency: Modern Slavery and Organised Immigration Crime Unit",
     OrganisationKind.NATIONAL_AGENCY),
    (PEC, "Modern Slavery and Human Rights Policy and Evidence Centre", OrganisationKind.OTHER),
    (SALVATION_ARMY, "The Salvation Army", OrganisationKind.NGO),
    (UNSEEN, "Unseen", OrganisationKind.NGO),
)  # fmt: skip

# The dozen forces with both a force and a PCC-office organisation in the network.
NETWORK_FORCES = (
    "E23000001",  # Metropolitan Police
    "E23000005",  # Greater Manchester
    "E23000014",  # West Midlands
    "E23000010",  # West Yorkshire
    "E23000004",  # Merseyside
    "E23000032",  # Kent
    "E23000029",  # Thames Valley
    "E23000036",  # Avon and Somerset
    "E23000003",  # Lancashire
    "E23000028",  # Essex
    "W15000003",  # South Wales
    "E23000007",  # Northumbria
)
# Where a mayor holds the PCC's functions the office has its own name.
PCC_OFFICE_NAMES = {
    "E23000001": "Mayor's Office for Policing and Crime",
    "E23000005": "Greater Manchester Combined Authority (Police, Fire and Crime)",
    "E23000010": "West Yorkshire Combined Authority (Policing and Crime)",
}


def long_date(day: date) -> str:
    """ "9 February 2027", whatever the process locale (strftime's %B follows it)."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def pcc_office_name(code: str, ons_name: str) -> str:
    return PCC_OFFICE_NAMES.get(code, f"Office of the Police and Crime Commissioner for {ons_name}")


def force_key(code: str) -> str:
    return f"force:{code}"


def pcc_key(code: str) -> str:
    return f"pcc:{code}"


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role: str
    organisation: str  # organisation key


CHAIR, SECRETARY, ANALYST = "chair", "secretary", "analyst"
PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec(CHAIR, "Eleanor Whitfield", "Commissioner (chair)", COMMISSIONER),
    PersonSpec(SECRETARY, "Marcus Oyelaran", "Head of Network Secretariat", COMMISSIONER),
    PersonSpec(ANALYST, "Helen Marsh", "Data and Policy Officer", COMMISSIONER),
    PersonSpec("ho", "Priya Raman", "Senior Policy Adviser, Modern Slavery Unit", HOME_OFFICE),
    PersonSpec("nca", "Gareth Llewellyn", "Head of Threat Reduction", NCA),
    PersonSpec("pec", "Fiona McAllister", "Director of Research", PEC),
    PersonSpec(
        "salvation", "Tom Ashdown", "Director of Anti-Trafficking and Modern Slavery",
        SALVATION_ARMY,
    ),
    PersonSpec("unseen", "Aisha Bello", "Head of Partnerships", UNSEEN),
    PersonSpec(
        "kent", "Rachel Whitcombe", "Chief Constable; national policing lead for modern slavery",
        force_key("E23000032"),
    ),
    PersonSpec(
        "met", "Samuel Adeyemi", "Detective Superintendent, Exploitation Command",
        force_key("E23000001"),
    ),
    PersonSpec(
        "gmp", "Claire Dunmore", "Detective Chief Inspector, modern slavery lead",
        force_key("E23000005"),
    ),
    PersonSpec(
        "swales", "Catrin Morgan", "Detective Chief Inspector, modern slavery lead",
        force_key("W15000003"),
    ),
    PersonSpec(
        "northumbria", "David Kirkham", "Modern Slavery Coordinator", force_key("E23000007")
    ),
    PersonSpec(
        "lancs_pcc", "Imran Siddiqui", "Police and Crime Commissioner", pcc_key("E23000003")
    ),
    PersonSpec(
        "wm_pcc", "Joanna Pryce", "Deputy Police and Crime Commissioner", pcc_key("E23000014")
    ),
    PersonSpec(
        "tv_pcc", "Neil Farrow", "Head of Commissioning and Partnerships", pcc_key("E23000029")
    ),
)  # fmt: skip
DEPUTY_NAMES = ("Sarah Pennington", "James Holroyd", "Megan Price", "Oliver Tran", "Ruth Adair")


@dataclass(frozen=True)
class ActionSpec:
    title: str
    owner: str  # person key
    priority: Priority = Priority.MEDIUM
    force: str | None = None  # force code the action is about
    metric: str | None = None  # metric key the action is about


@dataclass(frozen=True)
class Topic:
    title: str
    kind: AgendaItemKind
    presenter: str  # person key
    minutes: str
    decision: str | None = None
    actions: tuple[ActionSpec, ...] = field(default=())


TOPICS: tuple[Topic, ...] = (
    Topic(
        "County lines and child criminal exploitation",
        AgendaItemKind.DISCUSSION,
        "met",
        "Referrals of children for criminal exploitation continue to rise and now make up the "
        "largest single group. Members discussed how forces record county lines cases that "
        "cross force boundaries, and the role of BTP on the rail network.",
        actions=(
            ActionSpec("Share the county lines referral pathway with every force SPOC", "met",
                       Priority.HIGH),
            ActionSpec("Report child criminal exploitation referrals by force for the last "
                       "eight quarters", ANALYST, metric="nrm_referrals"),
        ),
    ),
    Topic(
        "Duty to Notify: reporting by forces",
        AgendaItemKind.DECISION,
        SECRETARY,
        "Duty to Notify reports vary widely between forces of similar size. The Home Office "
        "confirmed that the duty applies to every force in England and Wales.",
        decision="Every force in England and Wales will report Duty to Notify figures in its "
        "quarterly return from the next quarter.",
        actions=(
            ActionSpec("Write to forces with no Duty to Notify reports in the last year",
                       SECRETARY, metric="dtn_reports"),
        ),
    ),
    Topic(
        "Forces reporting far below their peers",
        AgendaItemKind.DECISION,
        ANALYST,
        "Three forces' referral rates per 100,000 people have stayed at about a fifth of the "
        "median for several years. Low figures do not mean fewer victims; they more often mean "
        "that victims are not being identified.",
        decision="The commissioner will meet the chief constable and PCC of each force whose "
        "rate has been below a third of the median for four quarters.",
        actions=(
            ActionSpec("Meet Lincolnshire Police to review NRM recording practice", SECRETARY,
                       Priority.HIGH, force="E23000020", metric="nrm_referrals"),
            ActionSpec("Meet Wiltshire Police to review NRM recording practice", SECRETARY,
                       Priority.HIGH, force="E23000038", metric="nrm_referrals"),
            ActionSpec("Meet Staffordshire Police to review NRM recording practice", CHAIR,
                       force="E23000015", metric="nrm_referrals"),
        ),
    ),
    Topic(
        "Quarterly return template, version 3",
        AgendaItemKind.DECISION,
        ANALYST,
        "The draft template adds a breakdown of crimes recorded by exploitation type and a "
        "free-text box for what explains the figures. Forces asked for three months' notice.",
        decision="The network approved version 3 of the quarterly return template, to be used "
        "from the next financial year.",
        actions=(
            ActionSpec("Circulate template version 3 and its guidance to all forces", ANALYST),
        ),
    ),
    Topic(
        "Labour exploitation in the care sector",
        AgendaItemKind.DISCUSSION,
        "ho",
        "Members heard about cases of overseas care workers sponsored under the Health and Care "
        "visa and then exploited. Referrals are rising in several regions.",
        decision="The commissioner will write to the Home Office supporting closer checks on "
        "sponsors where exploitation has been reported.",
        actions=(
            ActionSpec("Brief the network on sponsor licence revocations linked to "
                       "exploitation", "ho"),
            ActionSpec("Share the safeguarding guide for care workers with force SPOCs",
                       "unseen", Priority.LOW),
        ),
    ),
    Topic(
        "Survivor support after the NRM decision",
        AgendaItemKind.DISCUSSION,
        "salvation",
        "The Salvation Army described gaps in move-on support once a conclusive grounds "
        "decision is made, particularly housing.",
        actions=(
            ActionSpec("Set out move-on support gaps in a paper for the next meeting",
                       "salvation"),
        ),
    ),
    Topic(
        "Research: what leads to a charge?",
        AgendaItemKind.INFORMATION,
        "pec",
        "The Policy and Evidence Centre presented early findings: early specialist involvement "
        "and victim support through the investigation are linked with charges.",
        actions=(ActionSpec("Share the evidence review with force leads", "pec", Priority.LOW),),
    ),
    Topic(
        "Training for response officers",
        AgendaItemKind.DECISION,
        "kent",
        "The national training package is ready. Completion varies from under 20% to over 90% "
        "of response officers.",
        decision="The network endorsed the national training package; every response officer "
        "should complete it within two years.",
        actions=(
            ActionSpec("Report training completion by force each quarter", "kent",
                       metric="staff_trained"),
        ),
    ),
    Topic(
        "Slavery and trafficking prevention and risk orders",
        AgendaItemKind.DISCUSSION,
        "nca",
        "Orders remain rare, and breaches are seldom prosecuted. The NCA offered to collect "
        "examples of orders that worked.",
        actions=(
            ActionSpec("Collect examples of breached orders that were prosecuted", "nca",
                       metric="stro_stpo_orders"),
        ),
    ),
    Topic(
        "Missing quarterly returns",
        AgendaItemKind.DECISION,
        SECRETARY,
        "Most forces return within six weeks; a few are repeatedly late and one has not "
        "returned for the last quarter.",
        decision="The commissioner will write to the chief constable and PCC of any force whose "
        "return is more than a month late.",
        actions=(
            ActionSpec("Chase the outstanding returns for the last quarter", ANALYST,
                       Priority.HIGH),
        ),
    ),
    Topic(
        "PCC commissioning of victim services",
        AgendaItemKind.DISCUSSION,
        "tv_pcc",
        "PCC offices compared how they fund specialist support for survivors outside the "
        "national contract.",
        decision="PCC offices will publish the survivor services they fund in a common format.",
        actions=(ActionSpec("Map PCC-funded services for survivors", "tv_pcc"),),
    ),
    Topic(
        "Helpline intelligence and referrals",
        AgendaItemKind.INFORMATION,
        "unseen",
        "Unseen presented helpline trends: calls about labour exploitation now outnumber calls "
        "about sexual exploitation.",
        decision="Forces and the helpline will agree a common data-sharing protocol.",
        actions=(
            ActionSpec("Draft the helpline data-sharing protocol", "unseen"),
            ActionSpec("Nominate a force lead to test the protocol", "gmp", Priority.LOW),
        ),
    ),
)  # fmt: skip

WELCOME = "Welcome and apologies"
MINUTES = "Minutes of the last meeting and action log"
FIGURES = "Quarterly force returns: the national picture"
AOB = "Any other business"
LOCATIONS = (
    ("Home Office, 2 Marsham Street, London", False),
    ("Microsoft Teams", True),
    ("West Midlands Police Headquarters, Birmingham, and online", False),
    ("Microsoft Teams", True),
)
UPDATE_STARTED = (
    "Work started; a first draft is with the secretariat.",
    "Owner has met the people concerned; next steps agreed.",
    "Data requested from forces; most have replied.",
)
UPDATE_DELAYED = (
    "Delayed: still waiting for figures from two forces.",
    "Delayed by other priorities; a new date will be proposed at the next meeting.",
)
UPDATE_DONE = (
    "Completed and circulated to members.",
    "Done: the paper went to members with the papers for the meeting.",
)
