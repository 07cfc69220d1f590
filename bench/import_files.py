"""The import's CSV files, made up at any length: an entries file and a days file.

Plain text, no Django: the import benchmark and the fault drills both send them.
"""

import datetime as dt

FIRST_DAY = dt.date(2021, 1, 1)


def entries_file(rows: int) -> str:
    lines = ["when,kind,severity,minutes,regions,notes,pain_type,sensations,interference_sleep"]
    start = dt.datetime.combine(FIRST_DAY, dt.time(7, 0))
    for n in range(rows):
        when = f"{start + dt.timedelta(hours=2 * n):%Y-%m-%dT%H:%M}"
        if n % 5 == 4:
            lines.append(f"{when},pain,{n % 11},,lower_back,,nerve,burning,{n % 11}")
        else:
            note = f"after walk {n}" if n % 3 == 0 else ""
            lines.append(f"{when},spasm,{n % 11},{n % 30},left_leg;right_leg,{note},,,")
    return "\n".join(lines) + "\n"


def days_file(days: int) -> str:
    lines = ['date,max_temp_c,sleep_hours,stress,steps,tag:Coffee,"tag:Tight, ""new"" shoes"']
    for n in range(days):
        day = FIRST_DAY + dt.timedelta(days=n)
        lines.append(f"{day},{(n % 50) - 10}.5,{n % 10}.5,{n % 11},{n * 37},{n % 2},{n % 3 // 2}")
    return "\n".join(lines) + "\n"
