"""Build ``toolkit/data/actors/states.yaml`` from pycountry plus the curated tables below.

Run ``.venv/bin/python scripts/build_states.py`` from the project root. The generated YAML is
committed so that a researcher can read and edit it; to keep an edit across rebuilds, make it in
the curated tables here (``CURATED``, ``EXTRA_STATES``, ``TERRITORY_ALIASES``) and rebuild.

Where each fact comes from:

* codes and formal names: pycountry (ISO 3166-1 and ISO 3166-3 for dissolved states);
* UN membership: the UN list of Member States (193) and the two non-member observer states;
* common short names, demonyms, capitals and seats of government: curated by hand from the CIA
  World Factbook country profiles ("Government" section: country name, capital) and the UK
  Government's country names list (demonyms / "citizen" forms);
* historical names: curated by hand from ISO 3166-3 (former codes) and Wikipedia's
  "List of former sovereign states" / "List of country name changes".

Territories carry their ``sovereign`` (CIA World Factbook, "Dependency status"; dated where it
changed: Hong Kong, Macao), dissolved states and former territories the days they existed
(``from``/``to``); the Soviet Union is a state of its own (SUN), its republics historical names
of their successor states ("Kazakh Soviet Socialist Republic" is KAZ).

Deliberately left out (ambiguous alone; see toolkit/data/actors/README.md): "Korea", "Korean",
"Congolese", "Dominican", "Indian", "Indians", "Jerusalem" ("Korea" and "Jerusalem" are actors of
kind other in regions.yaml, which also keeps "Latin America" & co. away from "America").
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path

import pycountry
import yaml

logger = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parent.parent / "toolkit" / "data" / "actors" / "states.yaml"

#: The 193 UN Member States (ISO alpha-3).
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()
#: Non-member observer states of the UN General Assembly.
UN_OBSERVERS = ["PSE", "VAT"]

# One line per state: CODE | display name | extra aliases | demonyms | metonyms | historical names.
# Lists are separated by ";". A historical name may carry dates: "Name@1971-10-27@1997-05-17"
# (only where the same words mean something else outside that period).
CURATED = """
AFG|Afghanistan|Afghanistan|Afghan;Afghans|Kabul|
ALB|Albania|Albania|Albanian;Albanians|Tirana|
DZA|Algeria|Algeria|Algerian;Algerians|Algiers|
AND|Andorra|Andorra|Andorran;Andorrans|Andorra la Vella|
AGO|Angola|Angola|Angolan;Angolans|Luanda|
ATG|Antigua and Barbuda|Antigua and Barbuda;Antigua|Antiguan;Antiguans||
ARG|Argentina|Argentina;Argentine Republic|Argentine;Argentines;Argentinian;Argentinians;Argentinean|Buenos Aires;Casa Rosada|
ARM|Armenia|Armenia|Armenian;Armenians|Yerevan|Armenian SSR;Armenian Soviet Socialist Republic
AUS|Australia|Australia;Commonwealth of Australia|Australian;Australians|Canberra|
AUT|Austria|Austria|Austrian;Austrians|Vienna|
AZE|Azerbaijan|Azerbaijan|Azerbaijani;Azerbaijanis;Azeri;Azeris|Baku|Azerbaijan SSR;Azerbaijan Soviet Socialist Republic;Azerbaijani SSR;Azerbaijani Soviet Socialist Republic
BHS|Bahamas|Bahamas;The Bahamas;Commonwealth of The Bahamas|Bahamian;Bahamians|Nassau|
BHR|Bahrain|Bahrain|Bahraini;Bahrainis|Manama|
BGD|Bangladesh|Bangladesh|Bangladeshi;Bangladeshis|Dhaka;Dacca|East Pakistan
BRB|Barbados|Barbados|Barbadian;Barbadians;Bajan;Bajans|Bridgetown|
BLR|Belarus|Belarus|Belarusian;Belarusians;Belarussian;Byelorussian|Minsk|Byelorussia;Byelorussian SSR;Byelorussian Soviet Socialist Republic;Belorussia
BEL|Belgium|Belgium|Belgian;Belgians||
BLZ|Belize|Belize|Belizean;Belizeans|Belmopan|British Honduras
BEN|Benin|Benin|Beninese|Porto-Novo;Cotonou|Dahomey;Republic of Dahomey
BTN|Bhutan|Bhutan|Bhutanese|Thimphu|
BOL|Bolivia|Bolivia|Bolivian;Bolivians|La Paz|
BIH|Bosnia and Herzegovina|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia and Hercegovina;Bosnia|Bosnian;Bosnians|Sarajevo|
BWA|Botswana|Botswana|Motswana;Batswana|Gaborone|Bechuanaland
BRA|Brazil|Brazil;Federative Republic of Brazil|Brazilian;Brazilians|Brasília;Brasilia;Planalto|
BRN|Brunei|Brunei;Brunei Darussalam|Bruneian;Bruneians|Bandar Seri Begawan|
BGR|Bulgaria|Bulgaria|Bulgarian;Bulgarians|Sofia|
BFA|Burkina Faso|Burkina Faso;Burkina|Burkinabe;Burkinabé|Ouagadougou|Upper Volta;Republic of Upper Volta
BDI|Burundi|Burundi|Burundian;Burundians|Gitega;Bujumbura|
CPV|Cabo Verde|Cabo Verde;Cape Verde|Cabo Verdean;Cabo Verdeans;Cape Verdean;Cape Verdeans|Praia|
KHM|Cambodia|Cambodia|Cambodian;Cambodians;Khmer|Phnom Penh|Kampuchea;Democratic Kampuchea;People's Republic of Kampuchea;Khmer Republic
CMR|Cameroon|Cameroon;Cameroun|Cameroonian;Cameroonians|Yaoundé;Yaounde|
CAN|Canada|Canada|Canadian;Canadians|Ottawa|
CAF|Central African Republic|Central African Republic;CAR||Bangui|Central African Empire
TCD|Chad|Chad|Chadian;Chadians|N'Djamena;Ndjamena|
CHL|Chile|Chile|Chilean;Chileans||
CHN|China|China;People's Republic of China;PRC;P.R.C.;Mainland China;mainland China;Red China;Communist China|Chinese|Beijing;Peking;Zhongnanhai|
COL|Colombia|Colombia|Colombian;Colombians|Bogotá;Bogota|
COM|Comoros|Comoros;Union of the Comoros|Comorian;Comorians|Moroni|
COG|Congo|Congo;Republic of the Congo;Republic of Congo;Congo Republic;Congo-Brazzaville;Congo Brazzaville||Brazzaville|People's Republic of the Congo;Congo (Brazzaville)
CRI|Costa Rica|Costa Rica|Costa Rican;Costa Ricans||
CIV|Côte d'Ivoire|Côte d'Ivoire;Cote d'Ivoire;Côte d’Ivoire;Ivory Coast|Ivorian;Ivorians|Yamoussoukro;Abidjan|
HRV|Croatia|Croatia|Croatian;Croatians;Croat;Croats|Zagreb|
CUB|Cuba|Cuba|Cuban;Cubans|Havana|
CYP|Cyprus|Cyprus|Cypriot;Cypriots|Nicosia|
CZE|Czechia|Czechia;Czech Republic|Czech;Czechs|Prague|
PRK|North Korea|North Korea;DPRK;D.P.R.K.;Democratic People's Republic of Korea;DPR Korea|North Korean;North Koreans|Pyongyang|
COD|Democratic Republic of the Congo|Democratic Republic of the Congo;Democratic Republic of Congo;DR Congo;DRC;D.R.C.;DR of Congo;Congo-Kinshasa;Congo Kinshasa|| Kinshasa|Zaire;Zaïre;Republic of Zaire;Zairian;Zairean;Congo-Léopoldville;Congo-Leopoldville;Congo (Léopoldville);Congo (Leopoldville);Belgian Congo;Léopoldville;Leopoldville
DNK|Denmark|Denmark|Danish;Dane;Danes|Copenhagen|
DJI|Djibouti|Djibouti|Djiboutian;Djiboutians||French Somaliland;French Territory of the Afars and the Issas
DMA|Dominica|Dominica;Commonwealth of Dominica||Roseau|
DOM|Dominican Republic|Dominican Republic||Santo Domingo|
ECU|Ecuador|Ecuador|Ecuadorian;Ecuadorians;Ecuadorean|Quito|
EGY|Egypt|Egypt;Arab Republic of Egypt|Egyptian;Egyptians|Cairo|United Arab Republic
SLV|El Salvador|El Salvador|Salvadoran;Salvadorans;Salvadorean|San Salvador|
GNQ|Equatorial Guinea|Equatorial Guinea|Equatorial Guinean;Equatorial Guineans;Equatoguinean;Equatoguineans|Malabo|Spanish Guinea
ERI|Eritrea|Eritrea;State of Eritrea|Eritrean;Eritreans|Asmara|
EST|Estonia|Estonia|Estonian;Estonians|Tallinn|Estonian SSR;Estonian Soviet Socialist Republic
SWZ|Eswatini|Eswatini;eSwatini;Swaziland;Kingdom of Swaziland|Swazi;Swazis;Liswati;Emaswati|Mbabane|
ETH|Ethiopia|Ethiopia|Ethiopian;Ethiopians|Addis Ababa|Abyssinia
FJI|Fiji|Fiji|Fijian;Fijians|Suva|
FIN|Finland|Finland|Finnish;Finns|Helsinki|
FRA|France|France|French;Frenchman;Frenchmen|Paris;Élysée;Elysée;Elysee;Élysée Palace;Elysee Palace;Quai d'Orsay|
GAB|Gabon|Gabon|Gabonese|Libreville|
GMB|Gambia|Gambia;The Gambia;Republic of The Gambia|Gambian;Gambians|Banjul|
GEO|Georgia|Georgia|Georgian;Georgians|Tbilisi|Georgian SSR;Georgian Soviet Socialist Republic
DEU|Germany|Germany;Federal Republic of Germany;FRG|German;Germans|Berlin;Bonn|West Germany;West German;West Germans
GHA|Ghana|Ghana|Ghanaian;Ghanaians|Accra|Gold Coast
GRC|Greece|Greece;Hellenic Republic|Greek;Greeks|Athens|
GRD|Grenada|Grenada|Grenadian;Grenadians||
GTM|Guatemala|Guatemala|Guatemalan;Guatemalans|Guatemala City|
GIN|Guinea|Guinea;Guinea-Conakry;Guinea Conakry|Guinean;Guineans|Conakry|French Guinea
GNB|Guinea-Bissau|Guinea-Bissau;Guinea Bissau|Bissau-Guinean;Bissau-Guineans|Bissau|Portuguese Guinea
GUY|Guyana|Guyana|Guyanese||British Guiana
HTI|Haiti|Haiti;Haïti|Haitian;Haitians|Port-au-Prince|
HND|Honduras|Honduras|Honduran;Hondurans|Tegucigalpa|
HUN|Hungary|Hungary|Hungarian;Hungarians|Budapest|
ISL|Iceland|Iceland|Icelandic;Icelander;Icelanders|Reykjavik;Reykjavík|
IND|India|India;Republic of India|| New Delhi;Delhi|
IDN|Indonesia|Indonesia|Indonesian;Indonesians|Jakarta|Dutch East Indies;Netherlands East Indies
IRN|Iran|Iran;Islamic Republic of Iran|Iranian;Iranians;Persian;Persians|Tehran;Teheran|Persia
IRQ|Iraq|Iraq|Iraqi;Iraqis|Baghdad|
IRL|Ireland|Ireland;Republic of Ireland;Éire;Eire|Irish;Irishman;Irishmen|Dublin|Irish Free State
ISR|Israel|Israel;State of Israel|Israeli;Israelis||
ITA|Italy|Italy;Italian Republic|Italian;Italians|Rome|
JAM|Jamaica|Jamaica|Jamaican;Jamaicans|Kingston|
JPN|Japan|Japan|Japanese|Tokyo|
JOR|Jordan|Jordan;Hashemite Kingdom of Jordan|Jordanian;Jordanians|Amman|Transjordan;Trans-Jordan
KAZ|Kazakhstan|Kazakhstan|Kazakh;Kazakhs;Kazakhstani;Kazakhstanis|Astana;Nur-Sultan|Kazakh SSR;Kazakh Soviet Socialist Republic
KEN|Kenya|Kenya|Kenyan;Kenyans|Nairobi|
KIR|Kiribati|Kiribati|I-Kiribati|Tarawa|Gilbert Islands
KWT|Kuwait|Kuwait;State of Kuwait|Kuwaiti;Kuwaitis|Kuwait City|
KGZ|Kyrgyzstan|Kyrgyzstan;Kyrgyz Republic;Kirghizia|Kyrgyz;Kirghiz|Bishkek|Kirghiz SSR;Kirghiz Soviet Socialist Republic;Kyrgyz SSR
LAO|Laos|Laos;Lao PDR;Lao People's Democratic Republic|Laotian;Laotians|Vientiane|
LVA|Latvia|Latvia|Latvian;Latvians|Riga|Latvian SSR;Latvian Soviet Socialist Republic
LBN|Lebanon|Lebanon;Lebanese Republic|Lebanese|Beirut|
LSO|Lesotho|Lesotho|Basotho;Mosotho|Maseru|Basutoland
LBR|Liberia|Liberia|Liberian;Liberians|Monrovia|
LBY|Libya|Libya;State of Libya|Libyan;Libyans|Tripoli|Libyan Arab Jamahiriya;Great Socialist People's Libyan Arab Jamahiriya;Libyan Arab Republic
LIE|Liechtenstein|Liechtenstein|Liechtensteiner;Liechtensteiners|Vaduz|
LTU|Lithuania|Lithuania|Lithuanian;Lithuanians|Vilnius|Lithuanian SSR;Lithuanian Soviet Socialist Republic
LUX|Luxembourg|Luxembourg;Grand Duchy of Luxembourg|Luxembourger;Luxembourgers;Luxembourgish||
MDG|Madagascar|Madagascar|Malagasy|Antananarivo|Malagasy Republic
MWI|Malawi|Malawi|Malawian;Malawians|Lilongwe|Nyasaland
MYS|Malaysia|Malaysia|Malaysian;Malaysians|Kuala Lumpur;Putrajaya|Malaya;Federation of Malaya
MDV|Maldives|Maldives|Maldivian;Maldivians|Malé|
MLI|Mali|Mali|Malian;Malians|Bamako|French Sudan
MLT|Malta|Malta|Maltese|Valletta|
MHL|Marshall Islands|Marshall Islands;Republic of the Marshall Islands|Marshallese|Majuro|
MRT|Mauritania|Mauritania|Mauritanian;Mauritanians|Nouakchott|
MUS|Mauritius|Mauritius|Mauritian;Mauritians|Port Louis|
MEX|Mexico|Mexico;United Mexican States|Mexican;Mexicans|Mexico City;Los Pinos|
FSM|Micronesia|Micronesia;Federated States of Micronesia|Micronesian;Micronesians|Palikir|
MCO|Monaco|Monaco|Monegasque;Monégasque||
MNG|Mongolia|Mongolia|Mongolian;Mongolians|Ulaanbaatar;Ulan Bator|Outer Mongolia;Mongolian People's Republic
MNE|Montenegro|Montenegro|Montenegrin;Montenegrins|Podgorica|
MAR|Morocco|Morocco;Kingdom of Morocco|Moroccan;Moroccans|Rabat|
MOZ|Mozambique|Mozambique|Mozambican;Mozambicans|Maputo|Portuguese East Africa
MMR|Myanmar|Myanmar;Republic of the Union of Myanmar|Myanmarese;Burmese|Naypyidaw;Nay Pyi Taw;Naypyitaw;Yangon;Rangoon|Burma;Union of Burma;Socialist Republic of the Union of Burma
NAM|Namibia|Namibia|Namibian;Namibians|Windhoek|South West Africa;South-West Africa;Southwest Africa
NRU|Nauru|Nauru|Nauruan;Nauruans||
NPL|Nepal|Nepal|Nepali;Nepalese|Kathmandu|
NLD|Netherlands|Netherlands;The Netherlands;Kingdom of the Netherlands;Holland|Dutch;Dutchman|The Hague;the Hague;Amsterdam|
NZL|New Zealand|New Zealand|New Zealander;New Zealanders;Kiwi;Kiwis|Wellington|
NIC|Nicaragua|Nicaragua|Nicaraguan;Nicaraguans|Managua|
NER|Niger|Niger;Republic of the Niger;Republic of Niger|Nigerien;Nigeriens|Niamey|
NGA|Nigeria|Nigeria;Federal Republic of Nigeria|Nigerian;Nigerians|Abuja|
MKD|North Macedonia|North Macedonia;Republic of North Macedonia|Macedonian;Macedonians|Skopje|Former Yugoslav Republic of Macedonia;former Yugoslav Republic of Macedonia;the former Yugoslav Republic of Macedonia;FYROM;FYR Macedonia;Republic of Macedonia;Macedonia
NOR|Norway|Norway|Norwegian;Norwegians|Oslo|
OMN|Oman|Oman;Sultanate of Oman|Omani;Omanis|Muscat|Muscat and Oman
PAK|Pakistan|Pakistan;Islamic Republic of Pakistan|Pakistani;Pakistanis|Islamabad|West Pakistan
PLW|Palau|Palau|Palauan;Palauans|Ngerulmud|
PAN|Panama|Panama|Panamanian;Panamanians|Panama City|
PNG|Papua New Guinea|Papua New Guinea;PNG|Papua New Guinean;Papua New Guineans|Port Moresby|
PRY|Paraguay|Paraguay|Paraguayan;Paraguayans|Asunción;Asuncion|
PER|Peru|Peru|Peruvian;Peruvians|Lima|
PHL|Philippines|Philippines;The Philippines;Republic of the Philippines|Filipino;Filipinos;Philippine|Manila;Malacañang;Malacanang|Philippine Islands
POL|Poland|Poland|Polish;Poles|Warsaw|
PRT|Portugal|Portugal|Portuguese|Lisbon|
QAT|Qatar|Qatar;State of Qatar|Qatari;Qataris|Doha|
KOR|South Korea|South Korea;Republic of Korea;ROK;R.O.K.|South Korean;South Koreans|Seoul;Blue House|
MDA|Moldova|Moldova;Republic of Moldova|Moldovan;Moldovans|Chișinău;Chisinau;Kishinev|Moldavia;Moldavian SSR;Moldavian Soviet Socialist Republic
ROU|Romania|Romania;Rumania;Roumania|Romanian;Romanians;Rumanian|Bucharest|
RUS|Russia|Russia;Russian Federation|Russian;Russians|Moscow;Kremlin|Russian SFSR;Russian Soviet Federative Socialist Republic
RWA|Rwanda|Rwanda;Rwandese Republic|Rwandan;Rwandans;Rwandese|Kigali|
KNA|Saint Kitts and Nevis|Saint Kitts and Nevis;St Kitts and Nevis;St. Kitts and Nevis;St Kitts;St. Kitts|Kittitian;Kittitians;Nevisian;Nevisians|Basseterre|
LCA|Saint Lucia|Saint Lucia;St Lucia;St. Lucia|Saint Lucian;Saint Lucians;St Lucian|Castries|
VCT|Saint Vincent and the Grenadines|Saint Vincent and the Grenadines;St Vincent and the Grenadines;St. Vincent and the Grenadines;Saint Vincent;St Vincent;St. Vincent|Vincentian;Vincentians|Kingstown|
WSM|Samoa|Samoa;Independent State of Samoa|Samoan;Samoans|Apia|Western Samoa
SMR|San Marino|San Marino|Sammarinese||
STP|Sao Tome and Principe|Sao Tome and Principe;São Tomé and Príncipe;São Tomé and Principe;Sao Tome & Principe|Santomean;Santomeans||
SAU|Saudi Arabia|Saudi Arabia;Kingdom of Saudi Arabia;KSA|Saudi;Saudis;Saudi Arabian;Saudi Arabians|Riyadh|
SEN|Senegal|Senegal|Senegalese|Dakar|
SRB|Serbia|Serbia;Republic of Serbia|Serbian;Serbians;Serb;Serbs|Belgrade|
SYC|Seychelles|Seychelles|Seychellois||
SLE|Sierra Leone|Sierra Leone|Sierra Leonean;Sierra Leoneans|Freetown|
SGP|Singapore|Singapore;Republic of Singapore|Singaporean;Singaporeans||
SVK|Slovakia|Slovakia;Slovak Republic|Slovak;Slovaks;Slovakian|Bratislava|
SVN|Slovenia|Slovenia|Slovenian;Slovenians;Slovene;Slovenes|Ljubljana|
SLB|Solomon Islands|Solomon Islands|Solomon Islander;Solomon Islanders|Honiara|British Solomon Islands
SOM|Somalia|Somalia;Federal Republic of Somalia|Somali;Somalis|Mogadishu|Somali Democratic Republic;Somali Republic
ZAF|South Africa|South Africa;Republic of South Africa|South African;South Africans|Pretoria;Tshwane|Union of South Africa
SSD|South Sudan|South Sudan;Republic of South Sudan|South Sudanese|Juba|
ESP|Spain|Spain;Kingdom of Spain|Spanish;Spaniard;Spaniards|Madrid;Moncloa|
LKA|Sri Lanka|Sri Lanka|Sri Lankan;Sri Lankans|Colombo;Sri Jayawardenepura Kotte|Ceylon
SDN|Sudan|Sudan;The Sudan;Republic of the Sudan|Sudanese|Khartoum|Anglo-Egyptian Sudan
SUR|Suriname|Suriname;Surinam|Surinamese;Surinamer;Surinamers|Paramaribo|Dutch Guiana
SWE|Sweden|Sweden|Swedish;Swede;Swedes|Stockholm|
CHE|Switzerland|Switzerland;Swiss Confederation|Swiss|Bern;Berne|
SYR|Syria|Syria;Syrian Arab Republic|Syrian;Syrians|Damascus|
TJK|Tajikistan|Tajikistan|Tajik;Tajiks;Tadjik;Tajikistani|Dushanbe|Tajik SSR;Tajik Soviet Socialist Republic
THA|Thailand|Thailand|Thai;Thais|Bangkok|Siam
TLS|Timor-Leste|Timor-Leste;East Timor;Democratic Republic of Timor-Leste|Timorese;East Timorese|Dili|Portuguese Timor
TGO|Togo|Togo;Togolese Republic|Togolese|Lomé;Lome|Togoland;French Togoland
TON|Tonga|Tonga|Tongan;Tongans|Nuku'alofa;Nukualofa|
TTO|Trinidad and Tobago|Trinidad and Tobago;Trinidad|Trinidadian;Trinidadians;Tobagonian|Port of Spain;Port-of-Spain|
TUN|Tunisia|Tunisia|Tunisian;Tunisians|Tunis|
TUR|Turkey|Turkey;Türkiye;Turkiye;Republic of Turkey;Republic of Türkiye|Turkish;Turk;Turks|Ankara|Ottoman Empire
TKM|Turkmenistan|Turkmenistan|Turkmen;Turkmens|Ashgabat;Ashkhabad|Turkmenia;Turkmen SSR;Turkmen Soviet Socialist Republic
TUV|Tuvalu|Tuvalu|Tuvaluan;Tuvaluans|Funafuti|Ellice Islands
UGA|Uganda|Uganda|Ugandan;Ugandans|Kampala|
UKR|Ukraine|Ukraine;the Ukraine|Ukrainian;Ukrainians|Kyiv;Kiev|Ukrainian SSR;Ukrainian Soviet Socialist Republic
ARE|United Arab Emirates|United Arab Emirates;UAE;U.A.E.;the Emirates|Emirati;Emiratis|Abu Dhabi|Trucial States
GBR|United Kingdom|United Kingdom;UK;U.K.;Britain;Great Britain;England;United Kingdom of Great Britain and Northern Ireland|British;Briton;Britons;Brit;Brits|London;Downing Street;Number 10;No 10;No. 10;Whitehall|
TZA|Tanzania|Tanzania;United Republic of Tanzania|Tanzanian;Tanzanians|Dodoma;Dar es Salaam|Tanganyika;Zanzibar;United Republic of Tanganyika and Zanzibar
USA|United States|United States;United States of America;US;U.S.;USA;U.S.A.;America|American;Americans|Washington;Washington, D.C.;Washington DC;White House|
URY|Uruguay|Uruguay|Uruguayan;Uruguayans|Montevideo|
UZB|Uzbekistan|Uzbekistan|Uzbek;Uzbeks;Uzbekistani|Tashkent|Uzbek SSR;Uzbek Soviet Socialist Republic
VUT|Vanuatu|Vanuatu|Ni-Vanuatu|Port Vila|New Hebrides
VEN|Venezuela|Venezuela;Bolivarian Republic of Venezuela|Venezuelan;Venezuelans|Caracas|
VNM|Viet Nam|Viet Nam;Vietnam;Socialist Republic of Viet Nam;Socialist Republic of Vietnam|Vietnamese|Hanoi|South Vietnam;South Viet Nam;Republic of Vietnam;Republic of Viet Nam;Saigon
YEM|Yemen|Yemen;Republic of Yemen|Yemeni;Yemenis|Sanaa;Sana'a;Sana’a|North Yemen;Yemen Arab Republic
ZMB|Zambia|Zambia|Zambian;Zambians|Lusaka|Northern Rhodesia
ZWE|Zimbabwe|Zimbabwe|Zimbabwean;Zimbabweans|Harare|Rhodesia;Southern Rhodesia;Rhodesian;Rhodesians;Zimbabwe Rhodesia;Zimbabwe-Rhodesia
PSE|Palestine|Palestine;State of Palestine;Palestinian Authority;Palestinian National Authority;Palestinian territories;Occupied Palestinian Territory;Palestinian Territories|Palestinian;Palestinians|Ramallah|
VAT|Holy See|Holy See;Vatican;Vatican City;Vatican City State|| |
TWN|Taiwan|Taiwan;Republic of China;Chinese Taipei;ROC|Taiwanese|Taipei|Formosa;Nationalist China
XKX|Kosovo|Kosovo;Republic of Kosovo|Kosovar;Kosovars;Kosovan|Pristina;Priština;Prishtina|
ESH|Western Sahara|Western Sahara;Sahrawi Arab Democratic Republic;SADR|Sahrawi;Sahrawis;Saharawi|Laayoune|Spanish Sahara
DDR|East Germany|East Germany;German Democratic Republic;GDR|East German;East Germans|East Berlin;Pankow|
CSK|Czechoslovakia|Czechoslovakia;Czechoslovak Socialist Republic;Czech and Slovak Federative Republic;Czech and Slovak Federal Republic|Czechoslovak;Czechoslovakian;Czechoslovaks||
YUG|Yugoslavia|Yugoslavia;Socialist Federal Republic of Yugoslavia;Federal Republic of Yugoslavia;Federal People's Republic of Yugoslavia;Serbia and Montenegro;State Union of Serbia and Montenegro|Yugoslav;Yugoslavs;Yugoslavian||
YMD|South Yemen|South Yemen;Democratic Yemen;People's Democratic Republic of Yemen;People's Republic of Southern Yemen|South Yemeni;South Yemenis||
VDR|North Vietnam|North Vietnam;North Viet Nam;Democratic Republic of Vietnam;Democratic Republic of Viet Nam;Democratic Republic of Viet-Nam|North Vietnamese||
SUN|Soviet Union|Soviet Union;USSR;U.S.S.R.;Union of Soviet Socialist Republics|Soviet;Soviets||Soviet Russia
SKM|Sikkim|Sikkim;Kingdom of Sikkim|Sikkimese|Gangtok|
"""

#: Entries that are neither UN members nor observers but are reported as states, with kind and
#: a note; dissolved states use the codes of the UN General Debates corpus / ISO 3166-3.
EXTRA_STATES = {
    "TWN": ("state", "not a UN member since 1971 (GA res. 2758); ISO 3166-1 code TWN"),
    "XKX": ("state", "not a UN member; XKX is a user-assigned code (World Bank, EU), not ISO 3166-1"),
    "ESH": ("other", "non-self-governing territory; Sahrawi Arab Democratic Republic is an AU member"),
    "DDR": ("state", "dissolved 1990-10-03; ISO 3166-3 code; UN member 1973-1990"),
    "CSK": ("state", "dissolved 1992-12-31; ISO 3166-3 code; UN member 1945-1992"),
    "YUG": ("state", "SFR Yugoslavia, then FR Yugoslavia / Serbia and Montenegro until 2006-06-03 (the UN General Debates use YUG to 2005)"),
    "YMD": ("state", "South Yemen, merged with North Yemen 1990-05-22; ISO 3166-3 code"),
    "VDR": ("state", "North Vietnam, merged into Viet Nam 1976-07-02; ISO 3166-3 code (South Vietnam used the code VNM, so its names are historical names of VNM)"),
    "SUN": ("state", "the Union of Soviet Socialist Republics, dissolved 1991-12-26; ISO 3166-3 code SUN (the UN General Debates file its speeches under RUS, the seat's successor)"),
    "SKM": ("state", "Kingdom of Sikkim, an Indian protectorate from 1950, merged into India 1975-05-16; ISO 3166-3 code"),
}

#: The days a dissolved state or territory existed (first, last); an open start is None.
#: Sources: the dates of the ISO 3166-3 entries' histories and the UN's admission and
#: succession records (Wikipedia "List of former sovereign states" for the founding days).
EXISTED = {
    "DDR": ("1949-10-07", "1990-10-02"),
    "CSK": ("1918-10-28", "1992-12-31"),
    "YUG": ("1918-12-01", "2006-06-03"),
    "YMD": ("1967-11-30", "1990-05-21"),
    "VDR": ("1945-09-02", "1976-07-01"),
    "SUN": ("1922-12-30", "1991-12-26"),
    "SKM": (None, "1975-05-15"),
    "ANT": ("1954-12-15", "2010-10-09"),
    "PCZ": ("1904-02-26", "1979-09-30"),
    "PCI": ("1947-07-18", "1994-09-30"),
}

#: Former territories (ISO 3166-3 codes): name, aliases, sovereign, note.
HISTORICAL_TERRITORIES = {
    "ANT": ("Netherlands Antilles", ["Netherlands Antilles", "Dutch Antilles"], "NLD",
            "constituent country of the Kingdom of the Netherlands, dissolved 2010-10-10 into Curaçao, Sint Maarten and the Caribbean Netherlands"),
    "PCZ": ("Panama Canal Zone", ["Panama Canal Zone", "Canal Zone"], "USA",
            "US-administered zone, returned to Panama 1979-10-01"),
    "PCI": ("Trust Territory of the Pacific Islands", ["Trust Territory of the Pacific Islands"], "USA",
            "UN trust territory administered by the United States until Palau's independence 1994-10-01"),
}

#: The state that holds each territory (kind other) and answers for its defence and foreign
#: affairs: CIA World Factbook, "Dependency status"; UN list of Non-Self-Governing Territories.
#: A list of (sovereign, first day, last day) where it changed. Western Sahara and
#: Antarctica have none.
SOVEREIGN = {
    "ABW": "NLD", "CUW": "NLD", "SXM": "NLD", "BES": "NLD",
    "AIA": "GBR", "BMU": "GBR", "VGB": "GBR", "CYM": "GBR", "FLK": "GBR", "GIB": "GBR",
    "MSR": "GBR", "PCN": "GBR", "SHN": "GBR", "TCA": "GBR", "IOT": "GBR", "SGS": "GBR",
    "GGY": "GBR", "JEY": "GBR", "IMN": "GBR",
    "ASM": "USA", "GUM": "USA", "MNP": "USA", "PRI": "USA", "VIR": "USA", "UMI": "USA",
    "ATF": "FRA", "BLM": "FRA", "GLP": "FRA", "GUF": "FRA", "MAF": "FRA", "MTQ": "FRA",
    "MYT": "FRA", "NCL": "FRA", "PYF": "FRA", "REU": "FRA", "SPM": "FRA", "WLF": "FRA",
    "CCK": "AUS", "CXR": "AUS", "HMD": "AUS", "NFK": "AUS",
    "COK": "NZL", "NIU": "NZL", "TKL": "NZL",
    "FRO": "DNK", "GRL": "DNK",
    "BVT": "NOR", "SJM": "NOR",
    "ALA": "FIN",
    "HKG": [("GBR", None, "1997-06-30"), ("CHN", "1997-07-01", None)],
    "MAC": [("PRT", None, "1999-12-19"), ("CHN", "1999-12-20", None)],
}

#: Territories whose short ISO name collides with something else in English text.
TERRITORY_ALIASES = {
    "JEY": ["Bailiwick of Jersey"],  # bare "Jersey" would fire inside "New Jersey"
    "FLK": ["Falkland Islands", "Falklands", "Malvinas", "Islas Malvinas"],
    "HKG": ["Hong Kong", "Hong Kong SAR"],
    "MAC": ["Macao", "Macau"],
    "PRI": ["Puerto Rico"],
    "VGB": ["British Virgin Islands"],
    "VIR": ["US Virgin Islands", "U.S. Virgin Islands", "United States Virgin Islands"],
    "SHN": ["Saint Helena", "St Helena", "St. Helena"],
    "MAF": ["Saint Martin"],
    "SXM": ["Sint Maarten"],
    "CCK": ["Cocos Islands", "Cocos (Keeling) Islands"],
    "BES": ["Bonaire", "Sint Eustatius"],
    "UMI": ["United States Minor Outlying Islands"],
    "SJM": ["Svalbard", "Jan Mayen"],
    "SGS": ["South Georgia and the South Sandwich Islands", "South Georgia"],
    "REU": ["Réunion", "Reunion"],
    "CUW": ["Curaçao", "Curacao"],
    "BLM": ["Saint Barthélemy", "St Barts", "Saint Barthelemy"],
    "ALA": ["Åland Islands", "Aland Islands", "Åland"],
    "IOT": ["British Indian Ocean Territory", "Chagos Archipelago", "Chagos Islands"],
    "PCN": ["Pitcairn", "Pitcairn Islands"],
}


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def _usable(name: str) -> bool:
    # ISO "Korea, Republic of" / "Holy See (Vatican City State)" never appear like that in prose
    return bool(name) and "," not in name and "(" not in name


def _historical(field: str) -> list:
    out: list = []
    for item in _split(field):
        name, *dates = item.split("@")
        if dates:
            start, end = (dates + [""])[:2]
            # dates as yaml.safe_load returns them, so that the round-trip check holds
            out.append({"name": name,
                        "from": dt.date.fromisoformat(start) if start else None,
                        "to": dt.date.fromisoformat(end) if end else None})
        else:
            out.append(name)
    return out


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _sovereign(code: str) -> str | list[dict] | None:
    value = SOVEREIGN.get(code)
    if value is None or isinstance(value, str):
        return value
    return [{k: v for k, v in (("id", sid), ("from", _day(start)), ("to", _day(end))) if v}
            for sid, start, end in value]


def _existed(entry: dict) -> dict:
    start, end = EXISTED.get(entry["id"], (None, None))
    out = dict(entry)
    if start:
        out["from"] = _day(start)
    if end:
        out["to"] = _day(end)
    return out


def build() -> list[dict]:
    """Return the state and territory actor entries in the dictionary format."""
    version = _pycountry_version()
    curated: dict[str, list[str]] = {}
    for line in CURATED.strip().splitlines():
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 6:
            raise ValueError(f"CURATED line has {len(fields)} fields, expected 6: {line!r}")
        if fields[0] in curated:
            raise ValueError(f"CURATED has {fields[0]} twice")
        curated[fields[0]] = fields
    members = set(UN_MEMBERS)
    if len(members) != 193 or len(UN_MEMBERS) != 193:
        raise ValueError(f"UN_MEMBERS has {len(UN_MEMBERS)} codes ({len(members)} distinct), expected 193")
    missing = members.union(UN_OBSERVERS).union(EXTRA_STATES) - set(curated)
    if missing:
        raise ValueError(f"no CURATED line for {sorted(missing)}")

    entries: list[dict] = []
    order = sorted(members) + UN_OBSERVERS + list(EXTRA_STATES)
    for code in order:
        _, name, aliases, demonyms, metonyms, historical = curated[code]
        iso = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
        iso_names = []
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, "") or ""
                value = value[4:] if value.startswith("the ") else value
                if _usable(value):
                    iso_names.append(value)
        all_aliases = list(dict.fromkeys(_split(aliases) + iso_names))
        hist = _historical(historical)
        hist_names = {h if isinstance(h, str) else h["name"] for h in hist}
        all_aliases = [a for a in all_aliases if a not in hist_names]
        if code in members:
            status, kind = "UN member state", "state"
        elif code in UN_OBSERVERS:
            status, kind = "UN General Assembly non-member observer state", "state"
        else:
            kind, status = EXTRA_STATES[code]
        entry: dict = {"id": code, "name": name, "kind": kind, "country": code, "aliases": all_aliases}
        if _split(demonyms):
            entry["demonyms"] = _split(demonyms)
        if _split(metonyms):
            entry["metonyms"] = _split(metonyms)
        if hist:
            entry["historical"] = hist
        entry["note"] = status
        entry = _existed(entry)
        entry["source"] = (
            f"pycountry {version} (code, ISO names); short names, demonyms, capitals and seats of "
            "government curated from the CIA World Factbook; historical names from ISO 3166-3 and "
            "Wikipedia 'List of country name changes'"
        )
        entries.append(entry)

    for iso in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        if iso.alpha_3 in curated:
            continue
        names = TERRITORY_ALIASES.get(iso.alpha_3)
        if names is None:
            names = [n for n in (iso.name, getattr(iso, "official_name", ""), getattr(iso, "common_name", "")) if _usable(n)]
        display = names[0] if names else iso.name
        entry = {"id": iso.alpha_3, "name": display, "kind": "other", "country": iso.alpha_3,
                 "aliases": list(dict.fromkeys(names))}
        if _sovereign(iso.alpha_3):
            entry["sovereign"] = _sovereign(iso.alpha_3)
        entries.append({**entry, "note": "territory (ISO 3166-1 entry, not a UN member or observer)",
                        "source": f"pycountry {version} (ISO 3166-1); sovereign: CIA World Factbook"})
    for code, (name, aliases, sovereign, note) in HISTORICAL_TERRITORIES.items():
        entries.append(_existed({
            "id": code, "name": name, "kind": "other", "country": code, "aliases": aliases,
            "sovereign": sovereign, "note": f"former territory: {note}",
            "source": f"pycountry {version} (ISO 3166-3); dates and sovereign: CIA World Factbook"}))
    return entries


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def _dump(entries: list[dict]) -> str:
    # One flow-style line per list keeps ~250 states readable and diffable.
    lines = [
        "# GENERATED by scripts/build_states.py from pycountry + curated tables; edit the script and",
        "# rerun it to keep changes (`.venv/bin/python scripts/build_states.py`).",
        "# States: id = ISO 3166-1 alpha-3 (dissolved states: ISO 3166-3 / UN General Debate codes",
        "# DDR, CSK, YUG, YMD, VDR, SUN, SKM; Kosovo: XKX). Territories carry their sovereign; dissolved",
        "# states and former territories (ANT, PCZ, PCI) the days they existed (from/to).",
        "actors:",
    ]
    for e in entries:
        lines.append(f"  - id: {e['id']}")
        for key in ("name", "kind", "country"):
            lines.append(f"    {key}: {_scalar(e[key])}")
        if isinstance(e.get("sovereign"), str):
            lines.append(f"    sovereign: {e['sovereign']}")
        elif e.get("sovereign"):
            periods = ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in p.items()) + "}"
                                for p in e["sovereign"])
            lines.append(f"    sovereign: [{periods}]")
        for key in ("from", "to"):
            if e.get(key):
                lines.append(f"    {key}: {e[key].isoformat()}")
        for key in ("aliases", "demonyms", "metonyms"):
            if key in e:
                lines.append(f"    {key}: {_scalar(e[key])}")
        if "historical" in e:
            lines.append("    historical:")
            for h in e["historical"]:
                if isinstance(h, str):
                    lines.append(f"      - {_scalar(h)}")
                else:
                    start, end = (h[k].isoformat() if h[k] else "null" for k in ("from", "to"))
                    lines.append(f"      - {{name: {_scalar(h['name'])}, from: {start}, to: {end}}}")
        lines.append(f"    note: {_scalar(e['note'])}")
        lines.append(f"    source: {_scalar(e['source'])}")
    return "\n".join(lines) + "\n"


def _scalar(value: str | list[str]) -> str:
    # a string may sit inside a flow mapping, where a comma would end it: quote those (JSON
    # strings are YAML); otherwise yaml.safe_dump decides, so names like "No" round-trip exactly
    if isinstance(value, str) and any(c in value for c in ",[]{}:#"):
        return json.dumps(value, ensure_ascii=False)
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip().removesuffix("...").strip()


def main() -> int:
    """Write states.yaml and check it reads back to the same entries."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    entries = build()
    text = _dump(entries)
    if yaml.safe_load(text)["actors"] != entries:
        raise AssertionError("states.yaml does not round-trip")
    OUT.write_text(text, encoding="utf-8")
    logger.info("wrote %d entries to %s", len(entries), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
