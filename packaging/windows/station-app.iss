; Inno Setup script for Donation Station Desk (Windows installer).
;
; Build the bundle first (dist\station-app\, see packaging\windows\build_installer.ps1,
; which does everything and passes the version), or by hand:
;   iscc /DAppVersion=X.Y.Z packaging\windows\station-app.iss
; The version is not written here: it comes from pyproject.toml, the one place it lives.
;
; Installs per machine into Program Files; a station's data is NOT here but in each
; user's %LOCALAPPDATA%\DonationStationDesk (database, backups, receipts, logs), and the
; signing key is in Windows Credential Manager.  Uninstalling never removes either.

#ifndef AppVersion
  #error AppVersion is not defined: build with build_installer.ps1 or iscc /DAppVersion=X.Y.Z
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\station-app"
#endif

#define AppName "Donation Station Desk"
#define AppNameZh "社区慈善捐赠站"
#define AppExe "station-app.exe"

[Setup]
; A fixed AppId lets a newer installer upgrade the installed version in place.
AppId={{6E0F3B0C-1D4B-4C8E-9E57-5C3A4D2B7F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Donation Station Desk project
DefaultDirName={autopf}\DonationStationDesk
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=station-app-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
#if FileExists(SourcePath + "station-app.ico")
SetupIconFile=station-app.ico
#endif

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder on purpose: the donation records, backups and
; keys belong to the station, not to the program.
