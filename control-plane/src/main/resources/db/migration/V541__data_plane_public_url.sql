-- Where callers reach each data plane, as it says in its hello (BULWARK_GW_PUBLIC_URL, by default its
-- own host and port): the console shows it and builds its curl examples from it instead of a fixed port.
ALTER TABLE data_plane ADD COLUMN public_url text;
