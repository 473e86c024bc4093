"""Job notifications: a batch job calls a personal URL at its start and end; its owner gets a DM.

tokens.py   the signed, revocable URL tokens and the replay record (state database)
desk.py     NotifyDesk: issue and revoke URLs (`/hpc notify`), check a call, look the job up
            in the machine's accounting and send the DM
http.py     the `GET /notify` route on the bot's HTTP server (HPCBOT_PORT, both modes)
"""
