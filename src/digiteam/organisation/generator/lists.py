"""Word lists for generated organisations: portfolios, unit names, vendors and people's names.

Everything here is invented or generic; no list names a real person or company.
"""

from __future__ import annotations

from typing import NamedTuple


class Portfolio(NamedTuple):
    slug: str
    name: str
    name_fr: str
    topic: str  # "Health", used in agency names
    topic_fr: str  # "de la santé"
    nouns: tuple[str, ...]  # what its digital services are about


def _portfolio(slug: str, name: str, name_fr: str, topic: str, nouns: str) -> Portfolio:
    topic_en, topic_fr = topic.split(" / ")
    return Portfolio(slug, name, name_fr, topic_en, topic_fr, tuple(nouns.split(", ")))


# fmt: off
PORTFOLIOS: tuple[Portfolio, ...] = (
    _portfolio("finance", "Ministry of Finance", "Ministère des Finances",
               "Finance / des finances", "tax return, customs declaration, business licence"),
    _portfolio("health", "Ministry of Health", "Ministère de la Santé", "Health / de la santé",
               "vaccination record, health insurance card, clinic booking"),
    _portfolio("education", "Ministry of National Education", "Ministère de l'Éducation nationale",
               "Education / de l'éducation", "school certificate, exam result, scholarship"),
    _portfolio("interior", "Ministry of the Interior", "Ministère de l'Intérieur",
               "Civil Status / de l'état civil",
               "identity card, residence permit, birth certificate"),
    _portfolio("justice", "Ministry of Justice", "Ministère de la Justice",
               "Justice / de la justice", "criminal record extract, court case, legal aid"),
    _portfolio("social-affairs", "Ministry of Social Affairs", "Ministère des Affaires sociales",
               "Social Protection / de la protection sociale",
               "cash transfer, disability allowance, social registry"),
    _portfolio("housing", "Ministry of Housing and Urban Planning",
               "Ministère de l'Habitat et de l'Urbanisme", "Urban Planning / de l'urbanisme",
               "construction permit, land title, housing subsidy"),
    _portfolio("labour", "Ministry of Labour", "Ministère du Travail", "Employment / de l'emploi",
               "work permit, job seeker registration, labour inspection"),
    _portfolio("transport", "Ministry of Transport", "Ministère des Transports",
               "Road Safety / de la sécurité routière",
               "driving licence, vehicle registration, road permit"),
    _portfolio("agriculture", "Ministry of Agriculture", "Ministère de l'Agriculture",
               "Agriculture / de l'agriculture",
               "farm subsidy, livestock registration, phytosanitary certificate"),
    _portfolio("budget", "Ministry of Budget", "Ministère du Budget",
               "Public Procurement / des marchés publics",
               "budget request, payment order, procurement notice"),
    _portfolio("public-service", "Ministry of Public Service", "Ministère de la Fonction publique",
               "Civil Service / de la fonction publique",
               "civil service exam, payslip, civil service pension"),
    _portfolio("foreign-affairs", "Ministry of Foreign Affairs",
               "Ministère des Affaires étrangères", "Consular Services / des services consulaires",
               "visa, consular registration, document legalisation"),
    _portfolio("trade", "Ministry of Trade and Industry",
               "Ministère du Commerce et de l'Industrie", "Investment / de l'investissement",
               "company registration, import licence, trademark"),
    _portfolio("energy", "Ministry of Energy", "Ministère de l'Énergie", "Energy / de l'énergie",
               "electricity connection, fuel licence, solar subsidy"),
    _portfolio("water", "Ministry of Water", "Ministère de l'Eau", "Water / de l'eau",
               "water connection, borehole permit, water quality report"),
    _portfolio("environment", "Ministry of Environment", "Ministère de l'Environnement",
               "Environment / de l'environnement",
               "environmental permit, waste licence, impact assessment"),
    _portfolio("women-family", "Ministry of Women and Family",
               "Ministère de la Femme et de la Famille", "Family / de la famille",
               "family allowance, childcare grant, protection case"),
    _portfolio("higher-education", "Ministry of Higher Education and Research",
               "Ministère de l'Enseignement supérieur et de la Recherche",
               "Research / de la recherche",
               "university enrolment, research grant, diploma recognition"),
    _portfolio("communication", "Ministry of Communication", "Ministère de la Communication",
               "Telecommunications / des télécommunications",
               "broadcast licence, postal address, telecom licence"),
    _portfolio("digital-economy", "Ministry of Digital Economy",
               "Ministère de l'Économie numérique", "Digital Trust / de la confiance numérique",
               "digital signature, domain name, e-service registration"),
    _portfolio("youth-sports", "Ministry of Youth and Sports",
               "Ministère de la Jeunesse et des Sports", "Youth / de la jeunesse",
               "sports club registration, youth grant, stadium booking"),
    _portfolio("tourism", "Ministry of Tourism", "Ministère du Tourisme", "Tourism / du tourisme",
               "hotel licence, tour guide permit, visitor statistics"),
    _portfolio("culture", "Ministry of Culture", "Ministère de la Culture",
               "Heritage / du patrimoine",
               "heritage permit, artist registration, event authorisation"),
    _portfolio("fisheries", "Ministry of Fisheries and Maritime Affairs",
               "Ministère de la Pêche et des Affaires maritimes", "Maritime / maritime",
               "fishing licence, vessel registration, seafarer certificate"),
    _portfolio("mines", "Ministry of Mines", "Ministère des Mines", "Geology / de la géologie",
               "mining permit, quarry licence, geological survey"),
    _portfolio("defence", "Ministry of Defence", "Ministère de la Défense",
               "Veterans / des anciens combattants",
               "veteran pension, recruitment application, service record"),
    _portfolio("religious-affairs", "Ministry of Religious Affairs",
               "Ministère des Affaires religieuses", "Endowments / des biens de mainmorte",
               "pilgrimage registration, endowment record, marriage certificate"),
    _portfolio("planning", "Ministry of Planning and Statistics",
               "Ministère du Plan et de la Statistique", "Statistics / de la statistique",
               "statistics request, project proposal, census record"),
    _portfolio("decentralisation", "Ministry of Decentralisation",
               "Ministère de la Décentralisation", "Local Government / des collectivités locales",
               "local tax, market permit, municipal service request"),
)
# fmt: on

# The national digital agency's own (cross-government) services.
PLATFORM_NOUNS = (
    "government portal",
    "digital identity",
    "payment gateway",
    "data exchange",
    "e-signature",
    "government e-mail",
)

SERVICE_PATTERNS = (
    "{} application",
    "{} renewal",
    "{} tracking",
    "{} payments",
    "{} register",
    "{} records portal",
)

DIRECTORATES: tuple[tuple[str, str], ...] = (
    ("Directorate of Information Systems", "Direction des systèmes d'information"),
    ("Directorate of Digital Services", "Direction des services numériques"),
    ("Directorate of Planning and Statistics", "Direction de la planification et des statistiques"),
    ("Directorate of Administration and Finance", "Direction administrative et financière"),
    ("Directorate of Human Resources", "Direction des ressources humaines"),
    ("Directorate of Regional Services", "Direction des services régionaux"),
    ("Directorate of Legal Affairs", "Direction des affaires juridiques"),
    ("Directorate of Studies and Reform", "Direction des études et de la réforme"),
)

DIVISION = ("Division", "Division")

AGENCY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("National {} Agency", "Agence nationale {}"),
    ("{} Regulatory Authority", "Autorité de régulation {}"),
    ("{} Information Centre", "Centre d'information {}"),
    ("{} Services Office", "Office des services {}"),
)

DIGITAL_AGENCY = ("National Digital Agency", "Agence nationale du numérique")

TEAM_NAMES: dict[str, tuple[str, str]] = {
    "platform": ("Platform and infrastructure team", "Équipe plateformes et infrastructure"),
    "data": ("Data team", "Équipe données"),
    "support": ("User support team", "Équipe d'assistance aux usagers"),
}

VENDORS: tuple[tuple[str, str], ...] = (
    ("sahel-digital", "Sahel Digital Services"),
    ("red-sea-systems", "Red Sea Systems"),
    ("horn-tech-partners", "Horn Tech Partners"),
    ("atlas-consulting", "Atlas Consulting Group"),
    ("nile-software", "Nile Software Works"),
    ("baobab-it", "Baobab IT Solutions"),
    ("lagoon-data", "Lagoon Data Labs"),
    ("oasis-cloud", "Oasis Cloud Services"),
    ("meridian-advisory", "Meridian Public Advisory"),
    ("gulf-integration", "Gulf Integration Partners"),
    ("savanna-code", "Savanna Code Collective"),
    ("kora-networks", "Kora Networks"),
    ("delta-gov-tech", "Delta GovTech"),
    ("zenith-analytics", "Zenith Analytics"),
    ("acacia-engineering", "Acacia Engineering"),
    ("coral-digital", "Coral Digital Studio"),
    ("harmattan-systems", "Harmattan Systems"),
    ("lighthouse-consulting", "Lighthouse Consulting"),
    ("crescent-informatics", "Crescent Informatique"),
    ("tamarind-labs", "Tamarind Labs"),
)


def _names(weight: int, firsts: str, lasts: str) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    return weight, tuple(firsts.split(", ")), tuple(lasts.split(", "))


# Name groups: (share of people, first names, family names). A generated name takes both parts
# from one group, so that it sounds like one tradition.
NAME_GROUPS = (
    _names(  # francophone
        25,
        "Amélie, Jean-Baptiste, Céline, François, Hélène, Mathieu, Sophie, Olivier, Claire, "
        "Étienne, Nadège, Romain, Aurélie, Thierry, Josiane",
        "Dubois, Lefèvre, Moreau, Girard, Fontaine, Mercier, Rousseau, Lambert, Chevalier, "
        "Bonnet, Leroy, Garnier, Faure, Perrin, Marchand",
    ),
    _names(  # arabic
        25,
        "Youssef, Fatima, Omar, Aïcha, Hassan, Khadija, Karim, Leïla, Samir, Nour, Rachid, "
        "Salma, Tarek, Yasmine, Mounir",
        "El Amrani, Haddad, Benali, Mansour, Khalil, Saleh, Othmane, Nasser, Bakri, Zidane, "
        "Rahal, Farouk, Aziz, Hamdi, Idrissi",
    ),
    _names(  # somali
        25,
        "Abdirahman, Hodan, Guled, Ifrah, Farhan, Deka, Mahad, Ayaan, Abdiwali, Sagal, Liban, "
        "Hibaq, Khadar, Nimco, Warsame",
        "Warsame, Farah, Abdi, Jama, Hersi, Egal, Dirie, Samatar, Awale, Robleh, Elmi, Omar, "
        "Barkhad, Yonis, Ainanche",
    ),
    _names(  # afar
        15,
        "Kamil, Hasna, Houmed, Fatouma, Dini, Halima, Hamadou, Asma, Abdoulkader, Safia, Loita, "
        "Mariam, Dabale, Aramis, Kadidja",
        "Houmed, Kamil, Dabale, Hamadou, Ali Sandi, Dini, Abdoulkader, Mohamed Ali, Ibrahim, "
        "Loita, Gaas, Mahamoud, Assoweh, Daoud, Ahmed Dini",
    ),
    _names(  # elsewhere
        10,
        "Grace, Samuel, Priya, Wei, Ana, Kwame, Maria, David, Amina, Tomás, Esther, Ibrahim, "
        "Lucia, Daniel, Mei",
        "Mensah, Okafor, Sharma, Chen, Silva, Kariuki, Tesfaye, Haile, Nguyen, Costa, Banda, "
        "Diallo, Mwangi, Kaya, Lopez",
    ),
)
