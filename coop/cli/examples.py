"""The example at the foot of every command's ``--help``, drawn from the demo cooperative.

Every command's examples are written here, one English msgid per command, and become its Click
``epilog``: ``coop.cli.main`` attaches them when it registers the groups, and translates them
with the rest of the help (``translate_help``), keeping their lines as written. The Spanish
catalogue gives each its Spanish wording ("Ejemplo:", and the free text in Spanish).

They run against the demo cooperative (``coop demo``, then ``--db demo/coop.db``): member 0001
is its secretary, 0002 and 0003 its coordinators, 0002, 0004 and 0005 its trainers; assembly 1 is
closed and assembly 2 open; elections 1, 2 and 3 are closed; plan 1 is approved. tests/cli/test_help_pages.py
runs them. Enum words in options (``--method``, ``--kind``) are written in English, which both
languages accept. A line ending in `` \\`` goes on on the next one, as in a shell.
"""

from __future__ import annotations

from coop.i18n import N_

DEMO_NOTE = N_(
    "Every command's help ends with examples drawn from the demo cooperative.\n"
    "To try them, build it with coop demo, then write --db demo/coop.db after\n"
    "coop (or set COOP_DATABASE_URL=demo/coop.db)."
)

EXAMPLES: dict[str, str] = {
    "init": N_(
        'Example:\n  coop --db coop.db init --name "Cooperativa de Trabajo La Esperanza Ltda." \\\n'
        "      --language es"
    ),
    "demo": N_("Example:\n  coop demo --dir demo"),
    "minutes": N_("Example:\n  coop minutes 1 --out minutes-1.pdf"),
    "cooperative show": N_("Example:\n  coop cooperative show"),
    "cooperative rename": N_(
        "Example:\n"
        "  coop --as 0001 cooperative rename \\\n"
        '      "Cooperativa de Trabajo Cerámica Núñez Ltda." \\\n'
        '      --reason "Name registered with INAES"'
    ),
    "cooperative language": N_(
        'Example:\n  coop --as 0001 cooperative language en --reason "Agreed at assembly 2"'
    ),
    "member add": N_(
        'Example:\n  coop --as 0001 member add "Julieta Sosa" --number 0061 --section Hornos \\\n'
        "      --joined 2026-11-20"
    ),
    "member list": N_(
        "Examples:\n  coop member list --section Hornos\n  coop member list --all --format csv"
    ),
    "member show": N_("Example:\n  coop member show 0002"),
    "member import": N_(
        "Example (columns number,name,section,roles,joined_on):\n"
        "  coop --as 0001 member import new-members.csv"
    ),
    "member export": N_("Example:\n  coop member export --all --out register.csv"),
    "member register": N_("Example:\n  coop member register --since 2026-10-01 --out register.pdf"),
    "member correct": N_(
        'Example:\n  coop --as 0001 member correct 0010 --name "Ramón Ibáñez Paz" \\\n'
        '      --reason "Second surname missing"'
    ),
    "member reactivate": N_(
        'Example:\n  coop --as 0001 member reactivate 0060 --reason "Deactivated by mistake"'
    ),
    "member deactivate": N_(
        'Example:\n  coop --as 0001 member deactivate 0059 --reason "Resigned on 20 November"'
    ),
    "access grant": N_(
        "Example (on PostgreSQL, as the database's owner):\n  coop access grant 0001 --login anunez"
    ),
    "access revoke": N_("Example (on PostgreSQL, as the database's owner):\n  coop access revoke 0001"),
    "access list": N_("Example:\n  coop access list --all"),
    "member role grant": N_("Example:\n  coop --as 0001 member role grant 0006 trainer"),
    "member role revoke": N_("Example:\n  coop --as 0001 member role revoke 0005 trainer"),
    "bylaws show": N_("Example:\n  coop bylaws show"),
    "bylaws set": N_(
        "Example:\n"
        "  coop --as 0001 bylaws set quorum.second_call_minutes 60 \\\n"
        '      --article "Estatuto, art. 33"'
    ),
    "bylaws print": N_("Example:\n  coop bylaws print --out bylaws.pdf"),
    "bylaws preset list": N_("Example:\n  coop bylaws preset list"),
    "bylaws preset show": N_("Example:\n  coop bylaws preset show ar-ley-20337"),
    "bylaws preset apply": N_("Example:\n  coop --as 0001 bylaws preset apply ar-ley-20337"),
    "assembly open": N_(
        "Examples (a called assembly 3; a new one at once):\n"
        "  coop --as 0001 assembly open 3\n"
        "  coop --as 0001 assembly open --kind extraordinary --date 2026-12-16 \\\n"
        '      --time 18:00 --place "Comedor de la planta" --chair 0002 \\\n'
        "      --secretary 0001"
    ),
    "assembly call": N_(
        "Example:\n"
        "  coop --as 0001 assembly call --date 2026-12-19 --time 18:00 \\\n"
        '      --place "Comedor de la planta" --chair 0002'
    ),
    "assembly agenda add": N_(
        "Example (assembly 3, just called):\n"
        '  coop --as 0001 assembly agenda add 3 --title "Approval of the winter plan" \\\n'
        "      --kind plan-approval"
    ),
    "assembly agenda move": N_(
        "Example (assembly 3 with two items):\n  coop --as 0001 assembly agenda move 3 2 --to 1"
    ),
    "assembly agenda remove": N_(
        "Example (assembly 3 with two items):\n  coop --as 0001 assembly agenda remove 3 2"
    ),
    "assembly agenda edit": N_(
        "Example (assembly 3 with two items):\n"
        "  coop --as 0001 assembly agenda edit 3 2 \\\n"
        '      --title "Approval of the winter plan" \\\n'
        '      --text "Production plan 1, from week 1 to week 12"'
    ),
    "assembly agenda postpone": N_(
        "Example (assembly 3 open, with two items):\n"
        "  coop --as 0001 assembly agenda postpone 3 2 \\\n"
        '      --reason "The figures of the plan are not ready"'
    ),
    "assembly agenda resume": N_(
        "Example (item 2 of assembly 3, postponed earlier in the meeting):\n"
        "  coop --as 0001 assembly agenda resume 3 2"
    ),
    "assembly agenda list": N_("Example (assembly 3, just called):\n  coop assembly agenda list 3"),
    "assembly notice": N_(
        "Example (assembly 3, just called):\n"
        "  coop assembly notice 3 --out notice-3.pdf \\\n"
        '      --documents-at "Office, weekdays 8 to 16"'
    ),
    "assembly list": N_("Example:\n  coop assembly list"),
    "assembly show": N_("Example:\n  coop assembly show 2"),
    "assembly attend": N_("Example:\n  coop --as 0001 assembly attend 2 0057 0058 --at 18:35"),
    "assembly leave": N_("Example:\n  coop --as 0001 assembly leave 2 0012 0019"),
    "assembly proxy": N_(
        "Example:\n"
        "  coop --as 0001 assembly proxy 2 --from 0050 --to 0005 \\\n"
        '      --document "Proxy letter of 22/11/2026"'
    ),
    "assembly quorum": N_("Example:\n  coop assembly quorum 2"),
    "assembly second-call": N_(
        "Example (once the bylaws allow a second call):\n  coop --as 0001 assembly second-call 3"
    ),
    "assembly close": N_(
        "Example (entered afterwards from the notes):\n  coop --as 0001 assembly close 2 --closed-at 20:40"
    ),
    "assembly correct": N_(
        "Example (assembly 2 closed at 20:40):\n"
        "  coop --as 0001 assembly correct 2 --closed-at 20:55 \\\n"
        '      --reason "The paper minutes say 20:55"'
    ),
    "assembly attendance-fix": N_(
        "Example (assembly 2 closed at 20:40):\n"
        "  coop --as 0001 assembly attendance-fix 2 0012 --left 20:10 \\\n"
        '      --reason "Left early, as the sign-in sheet says"'
    ),
    "assembly reopen": N_(
        "Example (assembly 2 closed, its minutes a draft):\n"
        "  coop --as 0001 assembly reopen 2 \\\n"
        '      --reason "An arrival missing from the record"'
    ),
    "assembly erratum": N_(
        "Example (the minutes of assembly 1 are approved):\n"
        "  coop --as 0001 assembly erratum 2 --about 1 \\\n"
        '      --text "The assembly closed at 19:55, not 19:50."'
    ),
    "assembly sheet": N_("Example:\n  coop assembly sheet 2 --out sheet-2.pdf"),
    "motion propose": N_(
        "Example:\n"
        '  coop --as 0001 motion propose 2 --by 0003 --title "A forklift" \\\n'
        '      --text "Buy a used electric forklift for the warehouse."\n'
        "Under agenda item 2 of an assembly called with its agenda:\n"
        '  coop --as 0001 motion propose 3 --item 2 --by 0003 --title "Winter plan" \\\n'
        '      --text "Approve production plan 1."'
    ),
    "motion edit": N_(
        "Example (motion 10, just proposed by 0003):\n"
        "  coop --as 0003 motion edit 10 \\\n"
        '      --text "Buy a used electric forklift for the warehouse." \\\n'
        '      --reason "Which forklift was missing"'
    ),
    "motion second": N_("Example (motion 10, just proposed):\n  coop --as 0001 motion second 10 --by 0004"),
    "motion amend": N_(
        'Example:\n  coop --as 0001 motion amend 10 --by 0006 --title "Price cap" \\\n'
        '      --text "Buy a used electric forklift for at most $18,000,000."'
    ),
    "motion withdraw": N_("Example:\n  coop --as 0003 motion withdraw 10"),
    "motion postpone": N_("Example:\n  coop --as 0001 motion postpone 10"),
    "motion resume": N_("Example:\n  coop --as 0001 motion resume 10"),
    "motion open-vote": N_("Example:\n  coop --as 0001 motion open-vote 10 --method show-of-hands"),
    "motion vote": N_("Example (a roll call):\n  coop --as 0001 motion vote 10 yes --member 0004"),
    "motion roll-call": N_(
        "Examples (the roll call from a spreadsheet, then two votes typed):\n"
        "  coop --as 0001 motion roll-call 10 --file roll-call.csv\n"
        "  coop --as 0001 motion roll-call 10 0010=yes 0011=abstain"
    ),
    "motion withdraw-vote": N_(
        "Example (0004's vote was recorded as no; she voted yes):\n"
        "  coop --as 0001 motion withdraw-vote 10 --member 0004 \\\n"
        '      --reason "Entered as no by mistake."\n'
        "  coop --as 0001 motion vote 10 yes --member 0004"
    ),
    "motion hand-count": N_(
        "Example:\n  coop --as 0001 motion hand-count 10 --yes 27 --no 5 --abstain 6 \\\n"
        '      --tellers "Inés Peña, Óscar Muñoz"'
    ),
    "motion object": N_(
        "Example (motion 10, a consent motion):\n"
        "  coop --as 0001 motion object 10 --by 0023 \\\n"
        '      --reason "The last delivery of the year leaves that day."'
    ),
    "motion resolve-objection": N_(
        "Example:\n"
        "  coop --as 0001 motion resolve-objection 2 \\\n"
        '      --resolution "The delivery moves to the day before."'
    ),
    "motion close": N_("Example:\n  coop --as 0001 motion close 10"),
    "motion list": N_("Example:\n  coop motion list 1"),
    "motion show": N_("Example:\n  coop motion show 1"),
    "election create": N_(
        "Examples:\n"
        '  coop --as 0001 election create --title "Auditor 2027" --rules irv \\\n'
        "      -c 0008 -c 0013 -c 0021 --assembly 2\n"
        '  coop --as 0001 election create --title "Consejo 2029" --council \\\n'
        "      --seats 5 --alternates 3 --threshold 3%\n"
        '  coop --as 0001 election create --title "Committee" --rules meek \\\n'
        "      --seats 2 -c 0009 -c 0010 -c 0014 -c 0015 --assembly 2"
    ),
    "election list": N_("Example:\n  coop election list"),
    "election list-add": N_(
        "Example:\n"
        '  coop --as 0001 election list-add 4 "Lista 1 – Celeste" \\\n'
        "      --titulares 0004,0012,0020 --suplentes 0031"
    ),
    "election lists": N_("Example:\n  coop election lists 2"),
    "election show": N_("Example:\n  coop election show 1"),
    "election open": N_("Example:\n  coop --as 0001 election open 4"),
    "election cast": N_("Example:\n  coop --as 0013 election cast 4 0021 0008"),
    "election close": N_("Example:\n  coop --as 0001 election close 4 --key junta-electoral.key"),
    "election results": N_(
        "Examples:\n  coop election results 1\n  coop election results 1 --out results-1.pdf"
    ),
    "election export": N_("Example:\n  coop election export 1 --out ballots-1.csv"),
    "ballot codes": N_("Example:\n  coop --as 0001 ballot codes election:4 --out slips.pdf --spares 4"),
    "ballot cancel": N_("Example:\n  coop --as 0001 ballot cancel election:4 8 --paper"),
    "ballot returned": N_(
        "Examples (the second withdraws a serial typed by mistake):\n"
        "  coop --as 0001 ballot returned election:4 14-38 40\n"
        "  coop --as 0001 ballot returned election:4 40 --withdraw"
    ),
    "ballot reissue": N_("Example:\n  coop --as 0001 ballot reissue election:4 9 --out slip-9.pdf"),
    "ballot cast": N_(
        "Example (your slip's code; the candidates by member number or name):\n"
        "  coop ballot cast election:4 21 'ramon alvarez' --code 9PPM-Z3MM-E393-KW6A\n"
        "At a voting terminal, it asks for the code, then lists the candidates:\n"
        "  coop ballot cast election:4"
    ),
    "ballot verify": N_(
        "Example (the tracker you were shown):\n  coop ballot verify election:4 4613-0fe2-8480-deeb"
    ),
    "ballot trackers": N_("Example:\n  coop ballot trackers election:4"),
    "ballot show": N_("Example:\n  coop ballot show election:1"),
    "ballot reconcile": N_("Example:\n  coop ballot reconcile election:1"),
    "ballot export": N_("Example:\n  coop ballot export election:1 --out ballots-1.csv"),
    "ballot key create": N_(
        "Example (the passphrase is typed twice; the file stays with its holder):\n"
        "  coop --as 0001 ballot key create --out junta.key \\\n"
        "      --holder 'Junta electoral'"
    ),
    "ballot key list": N_("Example:\n  coop ballot key list"),
    "ballot paper enter": N_(
        "Example (one line per ballot, preferences in order):\n"
        "  coop --as 0004 ballot paper enter election:4 batch-1.csv \\\n"
        "      --batch 1 --teller 0004"
    ),
    "ballot paper compare": N_("Example:\n  coop ballot paper compare election:4 --batch 1"),
    "ballot paper accept": N_("Example:\n  coop --as 0001 ballot paper accept election:4 --batch 1"),
    "ballot paper discard": N_("Example:\n  coop --as 0001 ballot paper discard election:4 --batch 1"),
    "ballot paper list": N_("Example:\n  coop ballot paper list election:4"),
    "ballot paper print": N_("Example:\n  coop ballot paper print election:4 --count 40 --out ballots.pdf"),
    "votes tabulate": N_(
        "Examples (election 1 counted again, then by Schulze; a council by lists):\n"
        "  coop election export 1 --out ballots-1.csv\n"
        "  coop votes tabulate ballots-1.csv --rules ballots-1.rules.json\n"
        "  coop votes tabulate ballots-1.csv --rules ballots-1.rules.json \\\n"
        "      --method schulze\n"
        "  coop votes tabulate lists.csv --method dhondt --seats 6 --threshold 3%"
    ),
    "votes export-blt": N_(
        "Example:\n"
        "  coop election export 1 --out ballots-1.csv\n"
        "  coop votes export-blt ballots-1.csv --rules ballots-1.rules.json \\\n"
        "      --out ballots-1.blt"
    ),
    "skill add": N_(
        "Example:\n"
        '  coop --as 0001 skill add HOR-ESM "Loading the glaze kiln" \\\n'
        "      --category Hornos --safety-critical --minimum 2"
    ),
    "skill list": N_("Example:\n  coop skill list --category Hornos"),
    "skill show": N_("Example:\n  coop skill show HOR-QUEM"),
    "skill update": N_("Example:\n  coop --as 0001 skill update HOR-QUEM --minimum 5"),
    "skill import": N_("Example (columns code,name,category,...):\n  coop --as 0001 skill import skills.csv"),
    "skill prerequisite add": N_(
        "Example:\n  coop --as 0001 skill prerequisite add HOR-QUEM SEG-EPP --level 2"
    ),
    "skill prerequisite remove": N_("Example:\n  coop --as 0001 skill prerequisite remove ESM-SERI ESM-LIN"),
    "training log": N_(
        "Example:\n  coop --as 0002 training log HOR-QUEM --hours 3 --kind practice \\\n"
        '      --place "Nave de hornos" --note "Safe start-up and shut-down."'
    ),
    "training attend": N_(
        "Examples (session 41, just logged):\n  coop --as 0002 training attend 41 0039 0052 0026 0035\n"
        "  coop --as 0002 training attend 41 0007 --absent"
    ),
    "training assess": N_(
        "Example:\n"
        "  coop --as 0002 training assess 0043 HOR-QUEM 3 \\\n"
        '      --note "Recertified at the kiln"'
    ),
    "training import": N_(
        "Example (columns member,skill,level,assessed_on,...):\n"
        "  coop --as 0002 training import assessments.csv"
    ),
    "training list": N_("Example:\n  coop training list --skill HOR-QUEM --from 2026-11-01"),
    "training show": N_("Example:\n  coop training show 36"),
    "training history": N_("Example:\n  coop training history 0039 --skill HOR-QUEM"),
    "training hours": N_("Example:\n  coop training hours --from 2026-01-01 --to 2026-11-30"),
    "training expiring": N_("Example:\n  coop training expiring --days 60"),
    "training matrix": N_(
        "Examples:\n"
        "  coop training matrix --section Hornos --category Hornos\n  coop training matrix --out matrix.pdf"
    ),
    "training coverage": N_(
        "Examples:\n  coop training coverage\n  coop training coverage --out coverage.pdf"
    ),
    "training plan needs": N_(
        "Examples:\n  coop training plan needs --from 2026-W49 --weeks 13\n"
        "  coop training plan needs --plan 1 --format json"
    ),
    "training plan propose": N_(
        'Example:\n  coop --as 0003 training plan propose --name "First quarter" \\\n'
        "      --from 2026-W49 --weeks 13"
    ),
    "training plan show": N_(
        "Examples:\n  coop training plan show 1\n  coop training plan show 1 --format json"
    ),
    "training plan list": N_("Example:\n  coop training plan list"),
    "training plan edit": N_(
        "Examples:\n  coop --as 0003 training plan edit 2 --session 1 --add-trainee 0020\n"
        "  coop --as 0003 training plan edit 2 --session 2 --week 2026-W48"
    ),
    "training plan submit": N_("Example:\n  coop --as 0003 training plan submit 2"),
    "training plan propose-approval": N_(
        "Example:\n  coop --as 0001 training plan propose-approval 2 --assembly 2"
    ),
    "training plan progress": N_("Example:\n  coop training plan progress 1 --format json"),
    "training plan report": N_(
        "Examples:\n  coop training plan report 1 --out training-plan.pdf\n"
        "  coop training plan report 1 --out training-plan.html"
    ),
    "training pipeline": N_("Example:\n  coop training pipeline --skill HOR-QUEM"),
    "rotation record": N_("Example:\n  coop --as 0001 rotation record treasurer 0059 --start 2026-12-01"),
    "rotation end": N_("Example:\n  coop --as 0001 rotation end treasurer 0001 --date 2026-11-30"),
    "rotation list": N_("Example:\n  coop rotation list --role coordinator"),
    "rotation report": N_("Example:\n  coop rotation report --role coordinator"),
    "product add": N_('Example:\n  coop --as 0003 product add BALD-2020 "Baldosa roja 20×20" --unit m²'),
    "product update": N_('Example:\n  coop --as 0003 product update ZOC-0830 --name "Zócalo rojo 8×30"'),
    "product list": N_("Example:\n  coop product list"),
    "product show": N_("Example:\n  coop product show PORC-4545"),
    "product import": N_("Example (columns code,name,unit):\n  coop --as 0003 product import products.csv"),
    "product bom add": N_("Example:\n  coop --as 0003 product bom add BALD-3030 ESM-BLANCO 0.45 --scrap 2"),
    "product bom remove": N_("Example:\n  coop --as 0003 product bom remove BALD-3030 CAJA-3030"),
    "product bom import": N_(
        "Example (columns parent,component,quantity,scrap_pct):\n  coop --as 0003 product bom import bom.csv"
    ),
    "material list": N_("Example:\n  coop material list"),
    "material stock": N_("Example:\n  coop --as 0003 material stock PIG-GRIS 600 --counted-on 2026-11-24"),
    "material import": N_(
        "Example (columns material,quantity,counted_on):\n  coop --as 0003 material import stock.csv"
    ),
    "workcentre add": N_(
        "Example:\n"
        "  coop --as 0003 workcentre add SECADERO Secadero --hours-per-shift 8 \\\n"
        "      --shifts 3 --days 7"
    ),
    "workcentre update": N_("Example:\n  coop --as 0003 workcentre update MOLINO --shifts 3"),
    "workcentre list": N_("Example:\n  coop workcentre list"),
    "workcentre show": N_("Example:\n  coop workcentre show HORNO-T"),
    "workcentre import": N_(
        "Example (columns code,name,hours_per_shift,...):\n"
        "  coop --as 0003 workcentre import work-centres.csv"
    ),
    "workcentre close": N_(
        "Example:\n"
        "  coop --as 0003 workcentre close HORNO-T --date 2027-01-18 \\\n"
        '      --reason "Maintenance"'
    ),
    "workcentre reopen": N_("Example:\n  coop --as 0003 workcentre reopen --plant --date 2027-02-05"),
    "workcentre require-skill": N_(
        "Examples:\n"
        "  coop --as 0003 workcentre require-skill HORNO-T HOR-CARGA \\\n"
        "      --level 3 --minimum 2\n"
        "  coop --as 0003 workcentre require-skill HORNO-T HOR-CARGA --remove"
    ),
    "workcentre required-skills import": N_(
        "Example (columns work_centre,skill,min_level,min_qualified):\n"
        "  coop --as 0003 workcentre required-skills import required-skills.csv"
    ),
    "workcentre closures": N_("Example:\n  coop workcentre closures HORNO-T"),
    "workcentre import-closures": N_(
        "Example (columns work_centre,date,reason):\n  coop --as 0003 workcentre import-closures closures.csv"
    ),
    "workcentre routing add": N_(
        "Example:\n"
        "  coop --as 0003 workcentre routing add ZOC-0830 ESMALTADO \\\n"
        "      --minutes 0.5 --crew 2"
    ),
    "workcentre routing remove": N_(
        "Example:\n  coop --as 0003 workcentre routing remove ZOC-0830 ESMALTADO"
    ),
    "workcentre routing list": N_("Example:\n  coop workcentre routing list --product PORC-4545"),
    "workcentre routing import": N_(
        "Example (columns product,work_centre,minutes_per_unit,...):\n"
        "  coop --as 0003 workcentre routing import routings.csv"
    ),
    "plan create": N_('Example:\n  coop --as 0003 plan create "March" --from 2027-W09 --weeks 4'),
    "plan list": N_("Example:\n  coop plan list"),
    "plan show": N_("Example:\n  coop plan show 1"),
    "plan check": N_("Example:\n  coop plan check 1"),
    "plan acknowledge": N_(
        "Example:\n  coop --as 0003 plan acknowledge 2 shortage:PIG-GRIS \\\n"
        '      --reason "Purchasing brings 100 kg of grey pigment forward."'
    ),
    "plan submit": N_("Example:\n  coop --as 0003 plan submit 2"),
    "plan propose-approval": N_("Example:\n  coop --as 0003 plan propose-approval 2 --assembly 2"),
    "plan revise": N_('Example:\n  coop --as 0003 plan revise 1 --name "First quarter, revised"'),
    "plan start": N_("Example:\n  coop --as 0003 plan start 1"),
    "plan close": N_(
        "Example (what was made, from a CSV file):\n  coop --as 0003 plan close 1 --file made.csv"
    ),
    "plan report": N_("Example:\n  coop plan report 1 --out plan-1.pdf"),
    "plan diff": N_("Example:\n  coop plan diff 1 2"),
    "master order add": N_(
        'Examples:\n  coop --as 0003 master order add "Corralón Güemes" BALD-3030 1200 2027-03\n'
        '  coop --as 0003 master order add "Obra Pérez" PORC-4545 800 2027-05 \\\n'
        "      --tentative"
    ),
    "master order list": N_("Example:\n  coop master order list --from 2027-01"),
    "master order import": N_(
        "Example (columns customer,product,quantity,due_month,firm):\n"
        "  coop --as 0003 master order import orders.csv"
    ),
    "master forecast set": N_("Example:\n  coop --as 0003 master forecast set BALD-3030 2027-03 4000"),
    "master forecast import": N_(
        "Example (columns product,month,quantity):\n  coop --as 0003 master forecast import forecast.csv"
    ),
    "master forecast list": N_("Example:\n  coop master forecast list --from 2027-01"),
    "master forecast derive": N_(
        "Examples:\n  coop --as 0003 master forecast derive --method smoothing --alpha 0.3 \\\n"
        "      --from 2027-04\n"
        "  coop --as 0003 master forecast derive --method same-month-trend \\\n"
        "      --from 2027-04"
    ),
    "master accuracy": N_("Example:\n  coop master accuracy"),
    "master product": N_(
        "Example:\n  coop --as 0003 master product BALD-3030 --make-to-stock --safety 200 \\\n"
        "      --min-batch 500 --max-batch 5000"
    ),
    "master schedule": N_("Example:\n  coop master schedule --from 2027-01 --months 12"),
    "master plan create": N_("Example:\n  coop --as 0003 master plan create 2027 --from 2027-01 --months 12"),
    "master plan list": N_("Example:\n  coop master plan list"),
    "master scenario add": N_(
        "Examples:\n  coop --as 0003 master scenario add 2027 Level --level \\\n"
        '      --note "Build stock before the spring peak"\n'
        "  coop --as 0003 master scenario add 2027 Train --chase --overtime-pct 10 \\\n"
        "      --extra-qualified HOR-CARGA=6"
    ),
    "master scenario list": N_("Example:\n  coop master scenario list 2027"),
    "master scenario show": N_("Example:\n  coop master scenario show 2027 Level"),
    "master capacity": N_(
        "Examples:\n  coop master capacity --from 2027-01 --months 12\n"
        "  coop master capacity --scenario Level --plan 2027 --member-hours 120"
    ),
    "master compare": N_("Example:\n  coop master compare 2027"),
    "master report": N_("Example:\n  coop master report 2027 --out master-plan-2027.pdf"),
    "master propose-choice": N_(
        "Example:\n  coop --as 0003 master propose-choice 2027 Level --assembly 2"
    ),
    "master plan show": N_("Example:\n  coop master plan show 2027"),
    "plan line add": N_("Example:\n  coop --as 0003 plan line add 2 PORC-4545 2500 2027-W10 --priority 1"),
    "plan line remove": N_("Example:\n  coop --as 0003 plan line remove 2 1"),
    "plan line import": N_(
        "Example (columns product,quantity,due_week,priority):\n  coop --as 0003 plan line import 2 march.csv"
    ),
    "audit log": N_("Example:\n  coop audit log --limit 5"),
    "audit verify": N_("Examples:\n  coop audit verify\n  coop audit verify --anchors checkpoints.txt"),
    "audit sign": N_("Example:\n  coop --as 0001 audit sign --key junta.key --anchors checkpoints.txt"),
    "db status": N_("Example:\n  coop db status"),
    "db upgrade": N_("Example:\n  coop db upgrade"),
    "db backup": N_("Example:\n  coop db backup coop-2026-11-25.db"),
}
