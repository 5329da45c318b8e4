#include "lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "text.h"
#include "util.h"

/* the names one after the other, each ended by a NUL (tools/embed-list.sh) */
extern const char pg_firstnames[];
extern const size_t pg_firstnames_count;

static strmap firstnames = STRMAP_INIT;
static pthread_once_t firstnames_once = PTHREAD_ONCE_INIT;

static void load_firstnames(void)
{
	strmap_reserve(&firstnames, pg_firstnames_count);
	const char *name = pg_firstnames;
	for (size_t i = 0; i < pg_firstnames_count; i++) {
		char *f = text_fold(name);
		strmap_put(&firstnames, f, 1);
		free(f);
		name += strlen(name) + 1;
	}
}

/* The syllables of romanised Korean given names, written with a hyphen
 * ("Su-Yeon", "Ji-Hoon") as often as without. */
static int korean_syllable(const char *f, size_t n)
{
	static const char *const t[] = {
		"a",    "bin",  "bo",    "chae", "chan", "cheol", "chul",  "da",   "dae",   "do",
		"dong", "eun",  "gi",    "gyu",  "ha",   "hae",   "ho",    "hoon", "hun",   "hwa",
		"hwan", "hye",  "hyo",   "hyuk", "hyun", "in",    "jae",   "ji",   "jin",   "jong",
		"joo",  "ju",   "jun",   "jung", "ki",   "kyung", "mi",    "min",  "myung", "na",
		"ra",   "rin",  "seo",   "seok", "seon", "seong", "seung", "so",   "soo",   "sook",
		"su",   "sun",  "sung",  "tae",  "won",  "woo",   "woong", "ye",   "yeon",  "yeong",
		"yoo",  "yoon", "young", "yu",   "yun",  NULL};
	for (int i = 0; t[i]; i++)
		if (strlen(t[i]) == n && !memcmp(t[i], f, n))
			return 1;
	return 0;
}

int lex_firstname(const char *folded)
{
	pthread_once(&firstnames_once, load_firstnames);
	if (strmap_get(&firstnames, folded))
		return 1;
	/* "Jean-Luc", "Mei-Ling", "Su-Yeon": two given names, or two syllables
	 * of a Korean one (not "Ada-style") */
	const char *h = strchr(folded, '-');
	if (!h || h - folded < 2 || strlen(h + 1) < 2 || strchr(h + 1, '-'))
		return 0;
	char first[64];
	size_t n = (size_t)(h - folded);
	if (n >= sizeof first)
		return 0;
	memcpy(first, folded, n);
	first[n] = '\0';
	return (strmap_get(&firstnames, first) && strmap_get(&firstnames, h + 1)) ||
	       (korean_syllable(folded, n) && korean_syllable(h + 1, strlen(h + 1)));
}

/* Each word list becomes a hash set on first use; the set is found by the
 * list's address.  Lists are static, so the sets live for the process.
 * Nearly every lookup is a miss (the name scanner asks the lists about
 * each capitalised word, 1,300 lookups a note), so each set also has a
 * filter of 4,096 bits, one per word at filter_bit: a word whose bit is
 * clear is not in the list, found without hashing it in full. */
typedef struct wordset {
	const char *const *list;
	strmap set;
	uint64_t filter[64];
} wordset;

/* From the length and the first and last bytes of W (LEN > 0): cheap,
 * and enough to tell apart the words of a list of a hundred. */
static unsigned filter_bit(const char *w, size_t len)
{
	const unsigned char *u = (const unsigned char *)w;
	return (unsigned)(len * 131 + u[0] * 31 + u[len - 1]) & 4095;
}

#define MAX_SETS 16
static wordset sets[MAX_SETS];
static int nsets;
static pthread_mutex_t sets_mu = PTHREAD_MUTEX_INITIALIZER;

static wordset *set_of(const char *const *list)
{
	wordset *ws = NULL;
	pthread_mutex_lock(&sets_mu);
	for (int i = 0; i < nsets; i++)
		if (sets[i].list == list)
			ws = &sets[i];
	if (!ws) {
		ws = &sets[nsets++];
		ws->list = list;
		for (const char *const *p = list; *p; p++) {
			strmap_put(&ws->set, *p, 1);
			if (**p) {
				unsigned bit = filter_bit(*p, strlen(*p));
				ws->filter[bit >> 6] |= 1ULL << (bit & 63);
			}
		}
	}
	pthread_mutex_unlock(&sets_mu);
	return ws;
}

/* Whether W is in LIST; *CACHE (static, beside the list) keeps the list's
 * set once found: the name scanner asks for every word. */
static int in_list(const char *const *list, wordset **cache, const char *w)
{
	wordset *ws = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
	if (!ws) {
		ws = set_of(list);
		__atomic_store_n(cache, ws, __ATOMIC_RELEASE);
	}
	size_t len = strlen(w);
	if (len) {
		unsigned bit = filter_bit(w, len);
		if (!(ws->filter[bit >> 6] >> (bit & 63) & 1))
			return 0;
	}
	return strmap_get(&ws->set, w) != NULL;
}

/* The word lists below are laid out by hand. */
/* clang-format off */
int lex_title(const char *w)
{
	static const char *const t[] = {
		"Dr", "Dr.", "Prof", "Prof.", "Professor", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
		"Mx", "Mx.", "Sir", "Dame", "Lord", "Lady", "Rev", "Rev.", "Fr", "Fr.", "Hon", "Hon.",
		"CVP", "SVP", "EVP", "VP", "AVP", "GVP", "CEO", "CTO", "CFO", "COO", "CIO", "CISO",
		"CMO", "CRO", "CPO", "CSO", "CDO", "GM", "MD", "President", "Chairman", "Chairwoman",
		"Director", "Senator", "Judge", "Captain", "Capt.", "Dean", "Chancellor", "Governor",
		"Minister", "Secretary", "Ambassador", "General", "Colonel", "Major", "Lt.", "Sgt.",
		"Coach", "Uncle", "Aunt", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, w);
}

int lex_role(const char *f)
{
	static const char *const t[] = {
		"postdoc", "student", "manager", "engineer", "director", "founder", "cofounder",
		"co-founder", "partner", "principal", "counsel", "lawyer", "attorney", "analyst",
		"consultant", "intern", "colleague", "professor", "researcher", "scientist",
		"architect", "lead", "head", "chair", "scribe", "contact", "rep", "representative",
		"recruiter", "designer", "developer", "investor", "advisor", "adviser", "officer",
		"executive", "president", "boss", "teammate", "fae", "ceo", "cto", "cfo", "coo",
		"cio", "vp", "svp", "evp", "cvp", "pm", "specialist", "coordinator", "administrator",
		"owner", "sponsor", "champion", "buyer", "supervisor", "cochair", "co-chair",
		"facilitator", "editor", "author", "member", "candidate", "hire", "contractor",
		"mentor", "mentee", "assistant", "associate", "strategist", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_org_suffix(const char *w)
{
	static const char *const t[] = {
		"Inc", "Inc.", "LLC", "LLP", "Ltd", "Ltd.", "Limited", "Corp", "Corp.", "Corporation",
		"Co.", "Company", "Group", "Holdings", "Partners", "Ventures", "Capital", "Labs", "Lab",
		"Laboratory", "Laboratories", "University", "College", "Institute", "School",
		"Academy", "Foundation", "Trust", "Fund", "Bank", "Freight", "Logistics", "Robotics",
		"Semiconductor", "Semiconductors", "Systems", "Technologies", "Technology", "Software",
		"Networks", "Solutions", "Services", "Industries", "Consulting", "Analytics", "Media",
		"Health", "Healthcare", "Energy", "Motors", "Airlines", "Airways", "Pharma",
		"Pharmaceuticals", "Therapeutics", "Biosciences", "Studios", "Games", "Entertainment",
		"Insurance", "Financial", "Securities", "Associates", "Agency", "Council", "Committee",
		"Commission", "Department", "Ministry", "Bureau", "Authority", "Association",
		"Society", "Federation", "Alliance", "Consortium", "Hospital", "Clinic", "Museum",
		"Library", "Cloud", "Platforms", "Dynamics", "Electronics", "Devices", "Instruments",
		"Materials", "Chemicals", "Foods", "Brands", "Retail", "Stores", "Markets", "Exchange",
		"Advisors", "Advisory", "Law", "Legal", "AG", "GmbH", "SA", "S.A.", "NV", "BV", "PLC",
		"plc", "Pty", "KK", "AB", "ASA", "Oy", "SpA", "SRL", "Srl", "Worldwide", "International",
		"Global", "Aerospace", "Automation", "Manufacturing", "Mobility", "Motorworks",
		"Bancorp", "Telecom", "Communications", "Wireless", "Microsystems", "Computing",
		"Data", "Security", "Cybersecurity", "Biotech", "Diagnostics", "Genomics", "Medical",
		"Realty", "Properties", "Construction", "Engineering", "Shipping", "Transport",
		"Transportation", "Airport", "Railways", "Outfitters", "Supply", "Wholesale",
		"Distribution", "Warehousing", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, w);
}

int lex_place_head(const char *w)
{
	static const char *const t[] = {
		/* as the last word */
		"Room", "Place", "Building", "Tower", "Towers", "Plaza", "Square", "Street",
		"Avenue", "Boulevard", "Campus", "Station", "Harbor", "Harbour", "Valley", "Island",
		"River", "Mountain", "Beach", "Conference", "Summit", "Expo", "Forum", "Meetup",
		"Festival", "Awards", "Week", "Program", "Programme", "Project", "Initiative",
		"Series", "Edition", "Release", "Version", "Sim", "Engine", "Cluster", "Module",
		"Team", "Teams", "Office", "Suite", "Kit", "Ultra",
		"Center", "Centre", "Arena", "Stadium", "Hotel", "Inn", "Cafe", "Café",
		"Restaurant", "Gallery", "Theater", "Theatre", "Gardens",
		"County", "City", "State", "Province", "Region", "District", "Airport",
		"Awards", "Cup", "Prize", "Act", "Agreement", "Protocol", "Framework",
		"Model", "Inside", "Console", "Portal", "Dashboard", "Studio", "Edition", "Network",
		"Time", "Standard", "Edition", "Update", "Notes", "Minutes", "Agenda", "Review",
		/* as the first word */
		"Project", "Operation", "Lake", "Mount", "Mt", "Mt.", "Fort", "San", "Santa", "Saint",
		"St", "St.", "Los", "Las", "Port", "Cape", "Camp", "Hotel", "Villa", "Casa", "Club",
		"Team", "North", "South", "East", "West", "Upper", "Lower", "New", "Old", "Greater",
		"Central", "Northern", "Southern", "Eastern", "Western", "Lake", "University",
		"Bank", "Museum", "Hospital", "Route", "Highway", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, w);
}

int lex_thing_noun(const char *f)
{
	static const char *const t[] = {
		"room", "rooms", "robot", "robots", "lab", "labs", "program", "programme", "project", "platform",
		"board", "boards", "team", "teams", "booth", "office", "offices", "building", "site",
		"center", "centre", "campus", "headquarters", "hq", "street", "chassis", "model",
		"models", "stack", "sdk", "api", "app", "product", "products", "suite", "kit", "module",
		"chip", "chips", "silicon", "fleet", "units", "unit", "series", "launch", "release",
		"deal", "contract", "account", "cluster", "deployment", "integration", "console",
		"portal", "system", "systems", "software", "tool", "tools", "server", "servers",
		"network", "dashboard", "pipeline", "workshop", "conference", "summit", "event",
		"meetup", "keynote", "signage", "badge", "certification", "logo", "brand",
		"partnership", "relationship", "roadmap", "pricing", "license", "licence", "engine",
		"runtime", "compiler", "scenes", "scene", "simulator", "warehouse", "warehouses", "dc",
		"store", "stores", "plant", "factory", "facility", "effort", "initiative", "group",
		"committee", "council", "fund", "round", "portfolio", "offering", "rollout", "pilot",
		"version", "edition", "class", "based", "compatible", "ecosystem", "community",
		"customers", "customer", "users", "user", "staff", "employees", "org", "organization",
		"organisation", "division", "unit", "department", "region", "market", "markets",
		"county", "city", "area", "campus", "airport", "station", "hotel", "venue", "floor",
		"penetration", "pen", "security", "legal", "marketing", "sales", "engineering",
		"finance", "procurement", "budget", "invoice", "contracts", "integration", "driver",
		"drivers", "vms", "vm", "instance", "instances", "gateway", "service", "services",
		"data", "cloud", "region", "zone", "inside", "devcon", "day", "conference", "expo",
		"family", "line", "lineup", "generation", "gen", "chipset", "board", "device",
		"devices", "case", "study", "phase", "deck", "slides", "report", "reports",
		"questionnaire", "memo", "agreement", "terms", "proposal", "rfp", "sow", "msa", "nda",
		"posts", "post", "blog", "talks", "talk", "keynotes", "slides", "docs", "tickets",
		"issues", "features", "releases", "plans", "updates", "decisions", "events",
		"recording", "video", "podcast", "newsletter", "survey", "website", "repo",
		"repository", "channel", "thread", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_speech_verb(const char *f)
{
	static const char *const t[] = {
		"said", "says", "noted", "notes", "asked", "asks", "reported", "reports", "explained",
		"explains", "mentioned", "mentions", "confirmed", "confirms", "wants", "wanted",
		"thinks", "thought", "believes", "believed", "agreed", "agrees", "proposed",
		"proposes", "suggested", "suggests", "offered", "offers", "argued", "argues", "raised",
		"flagged", "flags", "stated", "states", "called", "emailed", "replied", "presented",
		"shared", "walked", "joined", "promised", "pushed", "signaled", "signalled", "expects",
		"expected", "prefers", "preferred", "estimates", "estimated", "approved", "debriefed",
		"framed", "relayed", "described", "recommended", "recommends", "insisted", "complained",
		"advised", "decided",
		"owns", "owned", "leads", "led", "runs", "ran", "heard", "met", "visited", "emphasized",
		"emphasised", "acknowledged", "accepted", "declined", "answered", "admitted",
		"warned", "cautioned", "hinted", "questioned", "challenged", "countered", "pointed",
		"clarified", "outlined", "summarized", "summarised", "introduced", "invited",
		"volunteered", "agreed", "committed", "requested", "requests", "needs", "needed",
		"likes", "liked", "loves", "hates", "feels", "felt", "knows", "knew", "told", "tells",
		"wrote", "writes", "sent", "sends", "drafted", "reviewed", "discussed", "took", "takes",
		"gave", "gives", "got", "gets", "is", "was", "has", "had", "and", NULL};
	/* "is/was/has/had/and" are listed so that a name followed by them is not
	 * mistaken for a modifier; lex_speech_verb callers weigh them as weak. */
	static wordset *t_set;
	return in_list(t, &t_set, f) ? (strcmp(f, "is") && strcmp(f, "was") && strcmp(f, "has") &&
					strcmp(f, "had") && strcmp(f, "and")
				? 2
				: 1)
			     : 0;
}

int lex_determiner(const char *f)
{
	static const char *const t[] = {"the", "a", "an", "this", "these", "those", "its",
					"their", "our", "your", "his", "her", "my", "every", "each",
					"any", "some", "no", "another", "whose", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_place_prep(const char *f)
{
	static const char *const t[] = {"at", "in", "near", "into", "inside", "outside", "across",
					"around", "throughout", "within", "via", "onto", "towards",
					"toward", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_month_or_day(const char *f)
{
	static const char *const t[] = {
		"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "today", "tomorrow", "yesterday", "christmas",
		"easter", "thanksgiving", "q1", "q2", "q3", "q4", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_stopword(const char *f)
{
	static const char *const t[] = {
		"the", "a", "an", "this", "that", "these", "those", "we", "i", "you", "he", "she",
		"they", "it", "our", "my", "his", "her", "their", "its", "if", "when", "while",
		"after", "before", "during", "since", "until", "because", "so", "but", "and", "or",
		"also", "both", "each", "all", "any", "no", "not", "next", "last", "first", "second",
		"third", "then", "there", "here", "what", "who", "how", "why", "where", "which",
		"per", "via", "on", "in", "at", "for", "from", "to", "with", "without", "by", "of",
		"over", "under", "about", "quick", "new", "old", "yes", "okay", "ok", "thanks",
		"please", "update", "updates", "follow", "send", "share", "review", "confirm",
		"schedule", "ask", "get", "fix", "draft", "write", "tell", "invite", "talk", "line",
		"introduce", "build", "route", "circulate", "ship", "brief", "open", "finalize",
		"collect", "profile", "provide", "align", "start", "upload", "return", "enable",
		"summary", "decisions", "decision", "notes", "note", "action", "actions", "items",
		"item", "key", "information", "agenda", "attendees", "present", "regrets", "date",
		"topic", "topics", "discussion", "background", "context", "overview", "meeting",
		"meetings", "minutes", "recap", "status", "open", "done", "todo", "none", "n/a",
		"tbd", "see", "note", "maybe", "only", "most", "many", "few", "some", "several",
		"other", "others", "another", "every", "much", "more", "less", "per", "re", "fyi",
		"agreed", "proposed", "resolved", "decided", "reviewed", "discussed", "kickoff",
		"prep", "sync", "check-in", "weekly", "daily", "monthly", "quarterly", "annual",
		"internal", "external", "general", "team", "group", "everyone", "nobody", "someone",
		"anyone", "dinner", "lunch", "breakfast", "coffee", "call", "email", "slack",
		"hi", "hello", "dear", "regards", "best", "cheers", "welcome", "congrats",
		"yesterday", "today", "tomorrow", "morning", "afternoon", "evening", "tonight",
		"mr", "ms", "mrs", "dr", "prof", "as", "can", "could", "would", "should", "will",
		"may", "might", "must", "therefore", "however", "possibly", "presumably", "perhaps",
		"probably", "thus", "hence", "meanwhile", "otherwise", "additionally", "furthermore",
		"moreover", "finally", "instead", "overall", "currently", "initially", "basically",
		"actually", "apparently", "clearly", "obviously", "hopefully", "unfortunately",
		"fortunately", "question", "questions", "add", "put", "link", "links", "watch", "stabilize",
		"remove", "use", "make", "let", "does", "did", "do", "is", "are", "was", "were", "has",
		"have", "had", "be", "been", "being", "sure", "ask", "asks", "note", "proposal",
		"ping", "cc", "re", "like", "unlike", "given", "even", "just", "only", "still", "again",
		"later", "soon", "now", "once", "twice", "either", "neither", "nor", "yet", "though",
		"although", "unless", "whether", "where", "whereas", "regarding", "re:", "fwiw", "imo",
		"btw", "tl;dr", "todo", "fixme", "nb", "ps", "eta", "wip", "lgtm", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_particle(const char *w)
{
	static const char *const t[] = {"van", "von", "de", "der", "den", "del", "della", "da",
					"di", "du", "la", "le", "bin", "ibn", "al", "el", "dos",
					"das", "ter", "ten", "y", "af", "zu", "st.", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, w);
}

int lex_group_word(const char *f)
{
	static const char *const t[] = {"team", "teams", "ops", "staff", "everyone", "all",
					"others", "folks", "crew", "members", "board", "committee",
					"department", "leadership", "group", "squad", "people",
					"reps", "engineers", "partners", "customers", "users",
					"attendees", "participants", "guests", "tbd", "various",
					"someone", "anyone", "unknown", "etc", "et", "al", "volunteers",
					"sponsors", "speakers", "organizers", "organisers", "folks",
					"representatives", "reps", "friends", "family", "visitors",
					"newcomers", "members", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

int lex_attendee_label(const char *f)
{
	static const char *const present[] = {
		"attendees", "attendee", "attending", "attended", "present", "participants",
		"participant", "with", "people", "attendance", "in attendance", "team members",
		"members", "others", "guests", "guest", "chair", "chairs", "co-chairs", "cochairs",
		"scribe", "scribes", "facilitator", "facilitators", "host", "hosts", "organizer",
		"organiser", "organizers", "note taker", "notetaker", "note-taker", "moderator",
		"speakers", "speaker", "panelists", "invitees", "who", "staff", "present in person",
		"remote", "on the call", "call attendees", "meeting attendees", "required attendees",
		"optional attendees", "minutes taken by", "minute taker", "minute-taker", "minutes by", "met",
		"people met",
		NULL};
	static const char *const absent[] = {"regrets", "apologies", "absent", "not present",
					     "unable to attend", "excused", "absentees",
					     "missing", "declined", "could not attend", NULL};
	static wordset *present_set, *absent_set;
	if (in_list(present, &present_set, f))
		return 1;
	if (in_list(absent, &absent_set, f))
		return 2;
	return 0;
}

/* Companies whose names read as a person's ("Morgan Stanley's index",
 * "talk to Goldman Sachs"): no note context tells them apart, so the
 * well-known ones are known to be companies.  A note that lists one as an
 * attendee still makes a person of it. */
const char *const *lex_person_named_orgs(void)
{
	static const char *const t[] = {
		"Morgan Stanley", "Goldman Sachs", "JP Morgan", "J.P. Morgan", "Charles Schwab",
		"Wells Fargo", "Merrill Lynch", "Jones Lang LaSalle", "Marsh McLennan", "Booz Allen",
		"Booz Allen Hamilton", "Arthur Andersen", "Ernst Young", "Grant Thornton",
		"Baker McKenzie", "Baker Tilly", "Russell Reynolds", "Spencer Stuart", "Korn Ferry",
		"Heidrick Struggles", "Oliver Wyman", "Roland Berger", "Simon Kucher", "Dow Jones",
		"Estee Lauder", "Ralph Lauren", "Calvin Klein", "Tommy Hilfiger", "Louis Vuitton",
		"Christian Dior", "Hugo Boss", "Kate Spade", "Tory Burch", "Michael Kors",
		"Marks Spencer", "Harvey Nichols", "Jimmy Choo", "Johnson Johnson", "Procter Gamble",
		"Eli Lilly", "Bristol Myers", "Bristol Myers Squibb", "Thermo Fisher",
		"Hewlett Packard", "Walt Disney", "Warner Bros", "Harley Davidson", "Rolls Royce",
		"Aston Martin", "Lockheed Martin", "Northrop Grumman", "Thomson Reuters",
		"Sherwin Williams", "Kimberly Clark", "Allen Overy", "Clifford Chance",
		"Herbert Smith", "Latham Watkins", "Sidley Austin", "Morrison Foerster",
		"Wilson Sonsini", "Andreessen Horowitz", "Kleiner Perkins", "Houlihan Lokey",
		"Piper Sandler", "Evercore", "Lazard", "Jefferies", "Moelis", "Barclays", "Lloyds",
		"Linklaters", "Deloitte", "McKinsey", "Gartner", "Forrester", "Greylock", "Sequoia",
		NULL};
	return t;
}

int lex_weekday(const char *f)
{
	static const char *const t[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
					"saturday", "sunday", NULL};
	static wordset *t_set;
	return in_list(t, &t_set, f);
}

/* Common English nicknames that are not a prefix of the name they stand for
 * (prefixes such as Dan/Daniel are matched without a table). */
static const char *const nick_pairs[][2] = {
		{"bill", "william"}, {"billy", "william"}, {"will", "william"}, {"liam", "william"},
		{"bob", "robert"}, {"bobby", "robert"}, {"rob", "robert"}, {"robbie", "robert"},
		{"jim", "james"}, {"jimmy", "james"}, {"jamie", "james"}, {"dick", "richard"},
		{"rick", "richard"}, {"ricky", "richard"}, {"rich", "richard"}, {"mike", "michael"},
		{"mick", "michael"}, {"mickey", "michael"}, {"kate", "katherine"}, {"kate", "catherine"},
		{"kate", "kathryn"}, {"katie", "katherine"}, {"kathy", "katherine"}, {"cathy", "catherine"},
		{"kit", "katherine"}, {"liz", "elizabeth"}, {"lizzie", "elizabeth"}, {"beth", "elizabeth"},
		{"betty", "elizabeth"}, {"betsy", "elizabeth"}, {"eliza", "elizabeth"}, {"libby", "elizabeth"},
		{"peggy", "margaret"}, {"maggie", "margaret"}, {"meg", "margaret"}, {"megan", "margaret"},
		{"greta", "margaret"}, {"rita", "margaret"}, {"polly", "mary"}, {"molly", "mary"},
		{"sally", "sarah"}, {"sadie", "sarah"}, {"jack", "john"}, {"johnny", "john"},
		{"jon", "jonathan"}, {"ned", "edward"}, {"ted", "edward"}, {"ted", "theodore"},
		{"teddy", "edward"}, {"eddie", "edward"}, {"ed", "edward"}, {"hank", "henry"},
		{"harry", "henry"}, {"hal", "henry"}, {"chuck", "charles"}, {"charlie", "charles"},
		{"chas", "charles"}, {"tony", "anthony"}, {"toni", "antonia"}, {"joe", "joseph"},
		{"joey", "joseph"}, {"jo", "josephine"}, {"dave", "david"}, {"davy", "david"},
		{"steve", "stephen"}, {"peggy", "marguerite"}, {"jenny", "jennifer"}, {"jen", "jennifer"},
		{"sasha", "alexander"}, {"sasha", "alexandra"}, {"sandy", "alexandra"}, {"sandy", "sandra"},
		{"lexi", "alexandra"}, {"alex", "alexandra"}, {"alex", "alexander"}, {"xander", "alexander"},
		{"larry", "lawrence"}, {"larry", "laurence"}, {"lenny", "leonard"}, {"len", "leonard"},
		{"nate", "nathaniel"}, {"nate", "nathan"}, {"zach", "zachary"}, {"zack", "zachary"},
		{"gus", "augustus"}, {"gus", "angus"}, {"bert", "albert"}, {"bert", "robert"},
		{"al", "albert"}, {"al", "alfred"}, {"fred", "frederick"}, {"freddie", "frederick"},
		{"fritz", "friedrich"}, {"hans", "johannes"}, {"sepp", "josef"}, {"paco", "francisco"},
		{"pancho", "francisco"}, {"pepe", "jose"}, {"lola", "dolores"}, {"nacho", "ignacio"},
		{"chema", "jose maria"}, {"kolya", "nikolai"}, {"misha", "mikhail"}, {"dima", "dmitri"},
		{"dima", "dmitry"}, {"vova", "vladimir"}, {"volodya", "vladimir"}, {"seryozha", "sergei"},
		{"tanya", "tatiana"}, {"tanya", "tatyana"}, {"natasha", "natalia"}, {"masha", "maria"},
		{"nastya", "anastasia"}, {"katya", "ekaterina"}, {"sveta", "svetlana"}, {"zhenya", "evgeny"},
		{"beatrice", "beatrix"}, {"trixie", "beatrix"}, {"bea", "beatrice"}, {"nell", "eleanor"},
		{"ellie", "eleanor"}, {"nora", "eleanor"}, {"fanny", "frances"}, {"frankie", "frances"},
		{"frank", "francis"}, {"jerry", "gerald"}, {"jerry", "jerome"}, {"gerry", "gerald"},
		{"terry", "terence"}, {"terry", "theresa"}, {"tess", "theresa"}, {"tessa", "theresa"},
		{"patty", "patricia"}, {"trish", "patricia"}, {"tricia", "patricia"}, {"pat", "patricia"},
		{"pat", "patrick"}, {"paddy", "patrick"}, {"sue", "susan"}, {"suzy", "susan"},
		{"wendy", "gwendolyn"}, {"gwen", "gwendolyn"}, {"abby", "abigail"}, {"gabe", "gabriel"},
		{"rafa", "rafael"}, {"manny", "manuel"}, {"kike", "enrique"}, {"quique", "enrique"},
		{"billie", "wilhelmina"}, {"willa", "wilhelmina"}, {"minnie", "wilhelmina"},
		{"daisy", "margaret"}, {"nancy", "ann"}, {"nancy", "anne"}, {"teddy", "theodore"},
		{"chip", "charles"}, {"kit", "christopher"}, {"bess", "elizabeth"},
		{"bessie", "elizabeth"}, {"lolita", "dolores"}, {"sasha", "aleksandr"},
		{"kostya", "konstantin"}, {"lupe", "guadalupe"}, {"beto", "alberto"},
		{"memo", "guillermo"}, {"hansi", "johann"}, {"zander", "alexander"},
		{NULL, NULL}};

static strmap nick_set = STRMAP_INIT;  /* "nick\tformal" */
static strmap nick_only = STRMAP_INIT; /* "nick" */
static pthread_once_t nick_once = PTHREAD_ONCE_INIT;

static void nick_load(void)
{
	for (int i = 0; nick_pairs[i][0]; i++) {
		char *k = xasprintf("%s\t%s", nick_pairs[i][0], nick_pairs[i][1]);
		strmap_put(&nick_set, k, 1);
		strmap_put(&nick_only, nick_pairs[i][0], 1);
		free(k);
	}
}

int lex_nick_any(const char *nick)
{
	pthread_once(&nick_once, nick_load);
	return strmap_get(&nick_only, nick) != NULL;
}

int lex_nickname(const char *nick, const char *formal)
{
	pthread_once(&nick_once, nick_load);
	/* asked for every name pair the resolver compares: no printf */
	char key[128];
	size_t a = strlen(nick), b = strlen(formal);
	if (a + b + 2 > sizeof key)
		return 0;
	memcpy(key, nick, a);
	key[a] = '\t';
	memcpy(key + a + 1, formal, b + 1);
	return strmap_get(&nick_set, key) != NULL;
}
/* clang-format on */
